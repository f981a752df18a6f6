using Microsoft.EntityFrameworkCore;
using Productivity.Core.Activities;
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

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Upsert_InsertsNewRows_UpdatesByKey_AndKeepsTheColumnsItDoesNotWrite(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Start);
        string[] written = [nameof(ActivityRecord.PodFactoryId), nameof(ActivityRecord.Email), nameof(ActivityRecord.Action),
            nameof(ActivityRecord.ItemsCount), nameof(ActivityRecord.WindowStartUtc), nameof(ActivityRecord.WindowEndUtc),
            nameof(ActivityRecord.SourceCreatedUtc), nameof(ActivityRecord.UpdatedUtc), nameof(ActivityRecord.UserName)];
        // More than one full chunk (500 rows a statement) and a shorter last one.
        ActivityRecord Row(long id, int items) => new()
        {
            PodFactoryId = id, Email = $"p{id % 7}@example.test", Action = "Picking", ItemsCount = items,
            WindowStartUtc = Start.AddMinutes(id), WindowEndUtc = Start.AddMinutes(id + 10), SourceCreatedUtc = Start.AddMinutes(id + 11),
            UpdatedUtc = Start, UserName = id % 2 == 0 ? null : $"Name {id}",
        };
        var first = Enumerable.Range(1, 1_100).Select(i => Row(i, 1)).ToList();
        await context.QueryAsync(async db => { await BulkWriter.UpsertAsync(db, first, nameof(ActivityRecord.PodFactoryId), written, CancellationToken.None); return 0; });
        await context.QueryAsync(db => db.Activities.Where(a => a.PodFactoryId <= 10).ExecuteUpdateAsync(s => s.SetProperty(a => a.BusinessDay, Day)));

        var second = Enumerable.Range(1, 1_200).Select(i => Row(i, 2)).ToList();
        await context.QueryAsync(async db => { await BulkWriter.UpsertAsync(db, second, nameof(ActivityRecord.PodFactoryId), written, CancellationToken.None); return 0; });

        var stored = await context.QueryAsync(db => db.Activities.AsNoTracking().OrderBy(a => a.PodFactoryId).ToListAsync());
        stored.Count.ShouldBe(1_200, "a row with a stored key is updated, not added");
        stored.ShouldAllBe(a => a.ItemsCount == 2);
        stored.Count(a => a.BusinessDay == Day).ShouldBe(10, "a column the upsert does not write keeps its value");
        stored.Select(a => (a.PodFactoryId, a.UserName, a.WindowStartUtc)).ShouldBe(second.Select(a => (a.PodFactoryId, a.UserName, a.WindowStartUtc)));
        stored.ShouldAllBe(a => a.WindowStartUtc.Kind == DateTimeKind.Utc);
    }
}
