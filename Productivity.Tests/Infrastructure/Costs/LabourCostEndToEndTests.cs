using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Auditing;
using Productivity.Core.Integrations;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Costs;

/// <summary>
/// Labour cost through the real path on each provider: the fake Connecteam over HTTP (one person takes a paid break that
/// splits her shift), PodFactory rows, the sync, a rate import, the recompute and both exports. The money equals a
/// calculation from the exported scores; a second import changes nothing; a rate edit rescores exactly its days.
/// </summary>
public sealed class LabourCostEndToEndTests
{
    private const long ClockId = 777;
    private static readonly DateOnly Dec9 = new(2025, 12, 9);
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    // Central time is UTC-6 in December.
    private static DateTime Local(DateOnly day, int hour, int minute = 0) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc).AddHours(6);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task RatesImportedThenSynced_CostsEqualTheExportedScoresTimesTheRate(string provider)
    {
        await using var connecteam = await FakeConnecteamServer.StartAsync();
        connecteam.AddClock(ClockId, "Warehouse");
        connecteam.SetBreakTypes(ClockId, ("brk-lunch", "Lunch", false), ("brk-rest", "Paid rest", true));
        var podFactory = new InMemoryPodFactory();
        var windowId = 0L;
        foreach (var (userId, email) in new[] { (101L, "ana@example.test"), (102L, "bo@example.test") })
        {
            connecteam.AddUser(userId, email[..2], "Tester", email);
            connecteam.AssignUser(ClockId, userId);
            foreach (var day in new[] { Dec9, Dec10 })
            {
                connecteam.AddShift(ClockId, userId, $"s-{userId}-{day:dd}", Local(day, 8), Local(day, 16));
                for (var hour = 8; hour < 16; hour++)
                {
                    podFactory.Add(++windowId, email, "Picking", 20 + (int)(windowId % 7), Local(day, hour, 5), minutes: 10);
                }
            }
        }
        // Ana's 15-minute paid rest on the 10th splits her shift as the time clock does; it is paid time, not scored time.
        connecteam.AddBreak(ClockId, 101, "b-rest", Local(Dec10, 12), Local(Dec10, 12, 15), breakTypeId: "brk-rest", isPaid: true);
        var time = new FakeTimeProvider(new DateTimeOffset(Local(Dec10, 20), TimeSpan.Zero));
        await using var host = await TestHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = connecteam.BaseUrl,
        }, services =>
        {
            services.AddSingleton<IPodFactorySource>(podFactory);
            services.AddSingleton<TimeProvider>(time);
        });
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        var rates = host.Services.GetRequiredService<PayRateAdministration>();
        var admin = await TestPrincipals.AdminAsync(host.Services);

        // Ana from Dec 1; Bo only from the 10th, so his 9th has no rate. Two bad lines are reported, the rest stored.
        const string File = "connecteam_user_id,hourly_rate,effective_from\n101,18.50,2025-12-01\n102,20,2025-12-10\n101,abc,2025-12-01\n999,10,2025-12-01\n";
        var imported = await rates.ImportCsvAsync("test", admin, new StringReader(File));
        await pipeline.SyncEmployeesAsync("test");
        await pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        await pipeline.SyncPodFactoryAsync("test");

        imported.Outcome.Added.ShouldBe(0, "no employee is known before the employee sync");
        imported = await rates.ImportCsvAsync("test", admin, new StringReader(File));
        imported.Outcome.Added.ShouldBe(2);
        imported.Outcome.Rejected.Select(r => r.Key).ShouldBe(["line 4", "line 5"]);
        imported.Outcome.Rejected[0].Reason.ShouldContain("not an hourly rate");
        imported.Outcome.ChangedDays.Count.ShouldBe(3, "Ana's two days and Bo's 10th");

        var scores = Rows(await ExportAsync<ScoreExport>(host, (e, s) => e.WriteAsync(ExportFormat.Csv, Dec9, Dec10, s)));
        var costs = Rows(await ExportAsync<CostExport>(host, (e, s) => e.WriteAsync(ExportFormat.Csv, Dec9, Dec10, s)));
        costs.Count.ShouldBe(4);
        foreach (var cost in costs)
        {
            var score = scores.Single(s => s["date"] == cost["date"] && s["employee_id"] == cost["employee_id"]);
            var isBoOn9th = cost["employee_name"].StartsWith("bo", StringComparison.Ordinal) && cost["date"] == "2025-12-09";
            var isAnaOn10th = cost["employee_name"].StartsWith("an", StringComparison.Ordinal) && cost["date"] == "2025-12-10";
            cost["items"].ShouldBe(score["items"]);
            cost["standard_minutes"].ShouldBe(score["standard_minutes"]);
            Number(cost["paid_minutes"]).ShouldBe(Number(score["clocked_minutes"]) + (isAnaOn10th ? 15 : 0));
            if (isBoOn9th)
            {
                new[] { cost["hourly_rate"], cost["labour_cost"], cost["idle_cost"], cost["cost_per_item"], cost["cost_per_standard_hour"] }
                    .ShouldAllBe(cell => cell == "");
                continue;
            }
            var rate = Number(cost["hourly_rate"]);
            var labour = Number(cost["paid_minutes"]) / 60m * rate;
            cost["labour_cost"].ShouldBe(Money(labour));
            cost["idle_cost"].ShouldBe(Money(Number(score["idle_minutes"]) / 60m * rate));
            cost["cost_per_item"].ShouldBe(Money(labour / Number(score["items"])));
            cost["cost_per_standard_hour"].ShouldBe(Money(labour / (Number(score["standard_minutes"]) / 60m)));
        }

        // The whole file again: nothing changes, nothing is rescored.
        var again = await rates.ImportCsvAsync("test", admin, new StringReader(File));
        (again.Outcome.Added, again.Outcome.Unchanged, again.Outcome.RejectedCount).ShouldBe((0, 2, 2));
        again.Outcome.ChangedDays.ShouldBeEmpty();

        // A raise for Ana from the 10th: exactly her 10th is rescored, with one audit entry.
        var ana = int.Parse(costs.First(c => c["employee_name"].StartsWith("an", StringComparison.Ordinal))["employee_id"], CultureInfo.InvariantCulture);
        var before = await StoredAsync(host);
        var audits = await CountAsync(host, db => db.AuditEntries.CountAsync(a => a.Kind == AuditKinds.PayRate));
        time.Advance(TimeSpan.FromMinutes(1));

        var rescored = await rates.AddEmployeeRateAsync(admin, ana, 19.25m, Dec10);

        rescored.ShouldBe([new EmployeeDay(ana, Dec10)]);
        (await CountAsync(host, db => db.AuditEntries.CountAsync(a => a.Kind == AuditKinds.PayRate))).ShouldBe(audits + 1);
        var after = await StoredAsync(host);
        foreach (var (key, row) in after)
        {
            var changed = key == (ana, Dec10);
            (row.ComputedUtc != before[key].ComputedUtc).ShouldBe(changed, $"{key} rescored");
            (row.HourlyRate != before[key].HourlyRate).ShouldBe(changed, $"{key} rate");
        }
        after[(ana, Dec10)].HourlyRate.ShouldBe(19.25m);
    }

    private static async Task<byte[]> ExportAsync<T>(TestHost host, Func<T, Stream, Task<int>> write) where T : notnull
    {
        using var stream = new MemoryStream();
        await write(host.Services.GetRequiredService<T>(), stream);
        return stream.ToArray();
    }

    private static List<Dictionary<string, string>> Rows(byte[] csv)
    {
        var lines = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static decimal Number(string cell) => decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Money(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<Dictionary<(int, DateOnly), (DateTime ComputedUtc, decimal? HourlyRate)>> StoredAsync(TestHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().DailyScores.AsNoTracking()
            .ToDictionaryAsync(s => (s.EmployeeId, s.BusinessDay), s => (s.ComputedUtc, s.HourlyRate));
    }

    private static async Task<int> CountAsync(TestHost host, Func<ProductivityDbContext, Task<int>> count)
    {
        await using var scope = host.CreateScope();
        return await count(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }
}
