using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Alerts;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Tests.Infrastructure.Alerts;

/// <summary>A recompute queues the evaluation of the people it scored; the evaluation never holds up or fails the recompute.</summary>
public sealed class AlertAfterRecomputeTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2026, 3, 10);

    [Fact]
    public async Task ARecompute_OpensTheAlertsOfThePeopleItScored_WithoutTheMinuteJob()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Now);
        var ann = await context.AddEmployeeAsync("ann");
        // Production with no shift: the recompute stores unclocked items for today.
        await context.AddWindowAsync(ann, Now.AddMinutes(-20), items: 9);

        await context.Host.Services.GetRequiredService<ScoreRecalculationService>().RecalculateAsync([new EmployeeDay(ann, Day)]);

        var alert = await WaitForAsync(context, AlertKind.UnclockedProduction);
        (alert.EmployeeId, alert.Measure).ShouldBe(((int?)ann, 9.0));
        context.Published.ShouldContain(p => p.Opened.Contains(alert.Id));
    }

    [Fact]
    public async Task AFailingEvaluation_LeavesTheRecomputeDone()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Now);
        var ann = await context.AddEmployeeAsync("ann");
        await context.AddWindowAsync(ann, Now.AddMinutes(-20), items: 9);
        // The evaluation cannot read its rules any more.
        await context.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE alert_rules"));

        var written = await context.Host.Services.GetRequiredService<ScoreRecalculationService>().RecalculateAsync([new EmployeeDay(ann, Day)]);

        written.ShouldBe(1);
        (await context.QueryAsync(db => db.DailyScores.SingleAsync())).UnclockedItems.ShouldBe(9);
    }

    private static async Task<Alert> WaitForAsync(AlertTestContext context, AlertKind kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var alert = (await context.AlertsAsync(kind)).SingleOrDefault();
            if (alert is not null || DateTime.UtcNow > deadline)
            {
                return alert.ShouldNotBeNull();
            }
            await Task.Delay(50);
        }
    }
}
