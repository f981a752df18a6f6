using Microsoft.EntityFrameworkCore;
using Productivity.Core.Alerts;
using Productivity.TestSupport;

namespace Productivity.Tests.Infrastructure.Alerts;

/// <summary>"An alert opens once" is the database's to keep: two nodes evaluating at once on MariaDB open one alert each.</summary>
public sealed class AlertConcurrencyTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TwoAppHostsEvaluatingAtOnce_OpenEachAlertExactlyOnce()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var first = await AlertTestContext.StartAsync("MySql", Start, database);
        await using var second = await AlertTestContext.StartAsync("MySql", Start, database);
        const int people = 30;
        for (var i = 0; i < people; i++)
        {
            var id = await first.AddEmployeeAsync($"p{i}");
            await first.AddShiftAsync(id, Start);
            await first.AddWindowAsync(id, Start.AddMinutes(5 + i));
        }

        var opened = 0;
        for (var round = 0; round < 13; round++)
        {
            // Round 0: nobody idle yet; then a few more cross their limit every round, and both nodes find them at once.
            first.Advance(round == 0 ? 30 : 3);
            second.Advance(round == 0 ? 30 : 3);
            var results = await Task.WhenAll(Task.Run(() => first.EvaluateAsync()), Task.Run(() => second.EvaluateAsync()));
            opened += results.Sum(r => r.Opened.Count);
        }

        var alerts = await first.AlertsAsync();
        // Windows ended 13:05..13:34, so by 14:06 everyone is past the 30-minute limit.
        alerts.Count.ShouldBe(people);
        alerts.Select(a => a.SubjectKey).ShouldBeUnique();
        alerts.ShouldAllBe(a => a.ClosedUtc == null);
        opened.ShouldBe(alerts.Count);
        // Each node told its own subscribers about exactly the alerts it opened.
        (first.Published.Sum(p => p.Opened.Count) + second.Published.Sum(p => p.Opened.Count)).ShouldBe(alerts.Count);
    }

    [Fact]
    public async Task TheOpenKey_IsUniqueInTheDatabase_WhileClosedAlertsOfTheSameSubjectPileUp()
    {
        await using var context = await AlertTestContext.StartAsync("MySql", Start);
        var key = AlertSubjects.OpenKey(AlertKind.StaleFeed, AlertSubjects.FeedSubject);
        Alert Row(string? openKey) => new()
        {
            Kind = AlertKind.StaleFeed, SubjectKey = AlertSubjects.FeedSubject, OpenKey = openKey, OpenedUtc = Start, LastHeldUtc = Start,
            ClosedUtc = openKey is null ? Start : null,
        };
        await context.WriteAsync(db => db.Alerts.AddRange(Row(null), Row(null), Row(key)));

        await Should.ThrowAsync<DbUpdateException>(() => context.WriteAsync(db => db.Alerts.Add(Row(key))));
        (await context.AlertsAsync()).Count.ShouldBe(3);
    }
}
