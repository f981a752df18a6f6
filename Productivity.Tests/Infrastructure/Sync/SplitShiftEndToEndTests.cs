using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.Infrastructure.Integrations;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>
/// The split-shift examples of scoring.md through the real path: the fake Connecteam over HTTP records each day as the
/// time clock does (the shift split around the break, the break beside it), PodFactory's table in MariaDB, the sync,
/// the recompute and the CSV export; the exported numbers are the spec's, and a second sync changes nothing.
/// </summary>
public sealed class SplitShiftEndToEndTests
{
    private const long ClockId = 12345;

    [Theory]
    [InlineData("F-split-shift-with-break.json")]
    [InlineData("G-on-break-now.json")]
    [InlineData("H-night-shift-split-after-midnight.json")]
    public async Task SpecExample_AsTheTimeClockRecordsIt_ExportsTheSpecsNumbers(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "spec", file)));
        var input = document.RootElement.GetProperty("input");
        var expected = document.RootElement.GetProperty("expected").EnumerateArray().Single();
        var shifts = input.GetProperty("shifts").EnumerateArray().ToList();
        var pause = input.GetProperty("manual_breaks").EnumerateArray().Single();
        var person = shifts[0].GetProperty("employee").GetString()!;
        var email = $"{person}@example.test";

        await using var connecteam = await FakeConnecteamServer.StartAsync();
        connecteam.AddClock(ClockId, "Warehouse");
        connecteam.AddUser(1, person, "Tester", email);
        connecteam.AssignUser(ClockId, 1);
        // The whole working time as one shift and the break inside it: the fake time clock splits it, as Connecteam does.
        var lastOut = shifts[^1].TryGetProperty("clock_out", out var clockOut) ? Instant(clockOut) : null;
        connecteam.AddShift(ClockId, 1, "shift-1", Instant(shifts[0].GetProperty("clock_in"))!.Value, lastOut);
        connecteam.AddBreak(ClockId, 1, "break-1", Instant(pause.GetProperty("start"))!.Value, Instant(pause.GetProperty("end")));

        await using var podFactory = await MySqlTestDatabase.CreateAsync();
        await InsertWindowsAsync(podFactory, input.GetProperty("activities"), email);
        var time = new FakeTimeProvider(new DateTimeOffset(Instant(input.GetProperty("now"))!.Value));
        await using var host = await TestHost.StartAsync("MySql", new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = connecteam.BaseUrl,
            ["ConnectionStrings:PodFactory"] = podFactory.ConnectionString,
        }, services => services.AddSingleton<TimeProvider>(time));
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        var day = DateOnly.Parse(expected.GetProperty("day").GetString()!, CultureInfo.InvariantCulture);

        await pipeline.SyncEmployeesAsync("test");
        await pipeline.SyncShiftsAsync("test", day, day.AddDays(1));
        await pipeline.SyncPodFactoryAsync("test");
        var exported = await ExportAsync(host, day);
        var again = await pipeline.SyncShiftsAsync("test", day, day.AddDays(1));

        exported.ShouldBe(Row(expected), $"{file}: the exported row");
        await using (var scope = host.CreateScope())
        {
            // Stored as sent, named from the clock's break types.
            var stored = await scope.ServiceProvider.GetRequiredService<Productivity.Infrastructure.Persistence.ProductivityDbContext>()
                .ManualBreaks.SingleAsync();
            (stored.ConnecteamBreakId, stored.BreakTypeId, stored.Name, stored.IsPaid).ShouldBe(("break-1", "brk-lunch", "Lunch", false));
        }
        again.Outcome.ChangedDays.ShouldBeEmpty();
        (await ExportAsync(host, day)).ShouldBe(exported);
    }

    private static async Task<string> ExportAsync(TestHost host, DateOnly day)
    {
        var csv = await host.Services.GetRequiredService<ScoreExport>().CsvAsync(day.AddDays(-1), day.AddDays(1));
        var line = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Single();
        var cells = line.Split(',');
        // date, items, points, clocked, active, idle, utilization, standard minutes, performance, role, unclocked items/windows
        return string.Join(",", new[] { cells[0] }.Concat(cells[4..]));
    }

    private static string Row(JsonElement expected)
    {
        static string Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "" : value.GetDouble().ToString("0.####", CultureInfo.InvariantCulture);
        return string.Join(",",
            expected.GetProperty("day").GetString(),
            expected.GetProperty("items").GetInt32().ToString(CultureInfo.InvariantCulture),
            Number(expected.GetProperty("points")),
            Number(expected.GetProperty("clocked_minutes")),
            Number(expected.GetProperty("active_minutes")),
            Number(expected.GetProperty("idle_minutes")),
            Number(expected.GetProperty("utilization")),
            Number(expected.GetProperty("standard_minutes")),
            Number(expected.GetProperty("performance")),
            expected.GetProperty("primary_role").GetString(),
            expected.GetProperty("unclocked_items").GetInt32().ToString(CultureInfo.InvariantCulture),
            expected.GetProperty("unclocked_windows").GetInt32().ToString(CultureInfo.InvariantCulture));
    }

    private static async Task InsertWindowsAsync(MySqlTestDatabase podFactory, JsonElement activities, string email)
    {
        await podFactory.ExecuteAsync(ReportActionsTable.CreateTable);
        await ReportActionsTable.InsertAsync(podFactory.ConnectionString, activities.EnumerateArray().Select((activity, index) =>
        {
            var end = Instant(activity.GetProperty("window_end"))!.Value;
            return new ReportAction(index + 1, email, "Tester", null, activity.GetProperty("action").GetString()!,
                activity.GetProperty("items").GetInt32(), Instant(activity.GetProperty("window_start"))!.Value, end, end);
        }));
    }

    private static DateTime? Instant(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null
            ? null
            : DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
