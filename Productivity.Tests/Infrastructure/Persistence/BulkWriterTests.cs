using Microsoft.EntityFrameworkCore;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.Infrastructure.Scoring;

namespace Productivity.Tests.Infrastructure.Persistence;

public sealed class BulkWriterTests
{
    private static readonly DateOnly Day = new(2025, 12, 10);
    private static readonly DateTime Start = new(2025, 12, 10, 6, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Insert_ManyRowsOverSeveralStatements_ReadBackAsWritten(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Start);
        var employee = await context.AddEmployeeAsync("ana");
        // More rows than one statement takes (4,000 parameters / 12 columns), every converter and nullable column used.
        var rows = Enumerable.Range(0, 1_000).Select(i => new IdlePeriodRecord
        {
            EmployeeId = employee,
            BusinessDay = Day.AddDays(i % 3),
            ShiftId = 9_000_000_000L + i,
            StartUtc = Start.AddMinutes(i).AddTicks(i % 7 * 1_000),
            EndUtc = Start.AddMinutes(i + 1),
            GapMinutes = i * 0.25,
            AllowanceMinutes = 1.5,
            ExcessMinutes = i * 0.25 - 1.5,
            Rule = (IdleRule)(i % Enum.GetValues<IdleRule>().Length),
            WindowPodFactoryId = i % 2 == 0 ? null : i,
            WindowAction = i % 2 == 0 ? null : $"Picking \"{i}\" 'ß'",
            WindowItems = i % 2 == 0 ? null : i,
        }).ToList();

        var inserted = await context.QueryAsync(db => BulkWriter.InsertAsync(db, rows, CancellationToken.None));

        inserted.ShouldBe(1_000);
        var stored = await context.QueryAsync(db => db.IdlePeriods.AsNoTracking().OrderBy(p => p.ShiftId).ToListAsync());
        stored.Select(p => p.Id).Distinct().Count().ShouldBe(1_000, "the database gives each row its key");
        stored.Select(Fields).ShouldBe(rows.Select(Fields));
        stored.ShouldAllBe(p => p.StartUtc.Kind == DateTimeKind.Utc);
        // The enum is stored as its name, as SaveChanges stores it.
        (await context.QueryAsync(db => db.IdlePeriods.CountAsync(p => p.Rule == IdleRule.AfterWindow)))
            .ShouldBe(rows.Count(r => r.Rule == IdleRule.AfterWindow));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Insert_NoRows_SendsNothing(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Start);
        context.Commands.Reset();

        (await context.QueryAsync(db => BulkWriter.InsertAsync(db, Array.Empty<DailyScore>(), CancellationToken.None))).ShouldBe(0);

        context.Commands.Count.ShouldBe(0);
    }

    private static object Fields(IdlePeriodRecord p) => (p.EmployeeId, p.BusinessDay, p.ShiftId, p.StartUtc, p.EndUtc, p.GapMinutes,
        p.AllowanceMinutes, p.ExcessMinutes, p.Rule, p.WindowPodFactoryId, p.WindowAction, p.WindowItems);
}
