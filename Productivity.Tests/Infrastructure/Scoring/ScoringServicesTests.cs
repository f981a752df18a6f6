using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Tests.Core.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Scoring;

public sealed class ScoringServicesTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task SaveRole_AuditsOldAndNewAndRecomputesTheDaysUsingIt(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var ben = await context.AddEmployeeAsync("ben");
        await context.AddInputsAsync(ben, example.Shifts, example.Windows);
        await context.Scoring.RecalculateAsync([new EmployeeDay(ben, Dec10)]);

        RecomputeTask task;
        int affected;
        var rules = context.Host.Services.GetRequiredService<IScoringRulesService>();
        var admin = await TestPrincipals.AdminAsync(context.Host.Services);
        affected = await rules.DaysAffectedByRoleAsync(admin, "Picking");
        task = await rules.SaveRoleAsync(admin, new RoleDefinition("Picking", "Picker", "Picking", RoleKind.Batch, 200, null, 0.6));
        await WaitAsync(task);

        affected.ShouldBe(2);
        var score = await context.QueryAsync(db => db.DailyScores.SingleAsync());
        score.Points.ShouldBe(108);
        var audit = await context.QueryAsync(db => db.AuditEntries.SingleAsync());
        audit.Kind.ShouldBe(AuditKinds.Role);
        audit.OldValue.ShouldBe("Picker / Picking / Batch / 200/h / threshold - / 0.3 pts");
        audit.NewValue.ShouldBe("Picker / Picking / Batch / 200/h / threshold - / 0.6 pts");
    }

    [Theory]
    [InlineData("Sqlite")]
    public async Task SaveRole_InvalidNumbers_IsRefusedAndNothingChanges(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, new DateTime(2025, 12, 11, 0, 0, 0, DateTimeKind.Utc));
        var rules = context.Host.Services.GetRequiredService<IScoringRulesService>();
        var admin = await TestPrincipals.AdminAsync(context.Host.Services);

        var rate = await Should.ThrowAsync<AdminActionRefusedException>(() =>
            rules.SaveRoleAsync(admin, new RoleDefinition("Picking", "Picker", "Picking", RoleKind.Batch, 0, null, 0.3)));
        var threshold = await Should.ThrowAsync<AdminActionRefusedException>(() =>
            rules.SaveRoleAsync(admin, new RoleDefinition("QC Passed", "Packing", "Packing", RoleKind.Continuous, 45, null, 1.33)));
        var points = await Should.ThrowAsync<AdminActionRefusedException>(() =>
            rules.SaveRoleAsync(admin, new RoleDefinition("Picking", "Picker", "Picking", RoleKind.Batch, 200, null, -1)));

        rate.Reason.ShouldBe(AdminRefusal.RoleRateNotPositive);
        rate.Details.ShouldBe(["Picker"]);
        threshold.Reason.ShouldBe(AdminRefusal.RoleThresholdMissing);
        points.Reason.ShouldBe(AdminRefusal.NegativePoints);

        (await context.QueryAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);
        (await context.QueryAsync(db => db.ActionRoles.SingleAsync(r => r.Action == "Picking"))).ExpectedPerHour.ShouldBe(200);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task RangeRecompute_ReportsProgressAndScoresEveryDayWithInputs(string provider)
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc.AddDays(20));
        var ana = await context.AddEmployeeAsync("ana");
        for (var day = 0; day < 10; day++)
        {
            await context.AddInputsAsync(ana,
                example.Shifts.Select(s => s with { Id = $"{s.Id}-{day}", ClockInUtc = s.ClockInUtc.AddDays(day), ClockOutUtc = s.ClockOutUtc?.AddDays(day),
                    Breaks = s.Breaks.Select(b => new ScoringBreak(b.StartUtc.AddDays(day), b.EndUtc?.AddDays(day))).ToList() }),
                example.Windows.Select(w => w with { Id = w.Id + 1000 * day, StartUtc = w.StartUtc.AddDays(day), EndUtc = w.EndUtc.AddDays(day) }));
        }
        var recompute = context.Host.Services.GetRequiredService<RangeRecompute>();

        var task = recompute.Start(Dec10, Dec10.AddDays(13), "test");
        var overlapping = recompute.Start(Dec10.AddDays(2), Dec10.AddDays(3), "test");
        await WaitAsync(task);

        overlapping.ShouldBeSameAs(task);
        task.Status.ShouldBe(RecomputeStatus.Succeeded);
        task.DaysTotal.ShouldBe(14);
        task.DaysDone.ShouldBe(14);
        task.EmployeeDays.ShouldBe(10);
        task.Duration.ShouldNotBeNull();
        (await context.QueryAsync(db => db.DailyScores.CountAsync(s => s.Utilization == 1))).ShouldBe(10);
    }

    [Fact]
    public async Task RangeRecompute_Cancelled_StopsAndSaysSo()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var recompute = context.Host.Services.GetRequiredService<RangeRecompute>();

        var task = recompute.Start(new DateOnly(2020, 1, 1), new DateOnly(2025, 12, 31), "test");
        task.Cancel();
        await WaitAsync(task);

        task.Status.ShouldBe(RecomputeStatus.Cancelled);
        task.DaysDone.ShouldBeLessThan(task.DaysTotal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task OpenShiftScoring_ActiveTimeGrowsWithNow(string provider)
    {
        var example = SpecExample.Load("D-open-shift.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var dee = await context.AddEmployeeAsync("dee");
        await context.AddInputsAsync(dee, example.Shifts, example.Windows);
        var open = context.Host.Services.GetRequiredService<OpenShiftScoring>();

        await open.RecalculateOpenShiftsAsync();
        var at13 = await context.QueryAsync(db => db.DailyScores.SingleAsync());
        context.Time.Advance(TimeSpan.FromMinutes(30));
        await open.RecalculateOpenShiftsAsync();
        var at1330 = await context.QueryAsync(db => db.DailyScores.SingleAsync());

        at13.ClockedMinutes.ShouldBe(300);
        at13.ActiveMinutes.ShouldBe(274.47);
        at1330.ClockedMinutes.ShouldBe(330);
        at1330.IdleMinutes.ShouldBe(at13.IdleMinutes + 30);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task SaveSettings_OpenShiftCap_RescoresAnOpenShiftWithTheStoredCap(string provider)
    {
        var example = SpecExample.Load("D-open-shift.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var dee = await context.AddEmployeeAsync("dee");
        await context.AddInputsAsync(dee, example.Shifts, example.Windows);
        await context.Scoring.RecalculateAsync([new EmployeeDay(dee, Dec10)]);
        // 20:00: the shift opened at 08:00 has run 12 hours.
        context.Time.Advance(TimeSpan.FromHours(7));

        RecomputeTask task;
        task = await context.Host.Services.GetRequiredService<IScoringRulesService>()
            .SaveParametersAsync(await TestPrincipals.AdminAsync(context.Host.Services), ScoringParameters.Default with { OpenShiftCapHours = 10 });
        await WaitAsync(task);

        var score = await context.QueryAsync(db => db.DailyScores.SingleAsync());
        score.ClockedMinutes.ShouldBe(600);
        score.OpenCapped.ShouldBe(1);
    }

    [Fact]
    public async Task SaveSettings_CapLongerThanADay_IsRefusedAndNothingChanges()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", new DateTime(2025, 12, 11, 0, 0, 0, DateTimeKind.Utc));
        var rules = context.Host.Services.GetRequiredService<IScoringRulesService>();
        var admin = await TestPrincipals.AdminAsync(context.Host.Services);

        var refused = await Should.ThrowAsync<AdminActionRefusedException>(() =>
            rules.SaveParametersAsync(admin, ScoringParameters.Default with { OpenShiftCapHours = 25 }));

        refused.Reason.ShouldBe(AdminRefusal.ParametersOutOfRange);
        (await context.QueryAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);
        (await rules.ParametersAsync(admin)).OpenShiftCapHours.ShouldBe(16);
    }

    [Theory]
    [InlineData("Sqlite", "de-DE")]
    [InlineData("MySql", "fr-FR")]
    public async Task Export_WritesTheSpecHeaderDotDecimalsAndEmptyPerformance(string provider, string culture)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var ben = await context.AddEmployeeAsync("Ben, \"The Picker\"");
        var idle = await context.AddEmployeeAsync("Idle Ida");
        await context.AddInputsAsync(ben, example.Shifts, example.Windows);
        await context.AddInputsAsync(idle, [example.Shifts[0] with { Id = "x" }], []);
        await context.Scoring.RecalculateAsync([new EmployeeDay(ben, Dec10), new EmployeeDay(idle, Dec10)]);
        var previous = CultureInfo.CurrentCulture;
        string csv;

        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            csv = await context.Host.Services.GetRequiredService<ScoreExport>().CsvAsync(Dec10, Dec10);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldBe("date,employee_id,employee_name,connecteam_user_id,items,points,clocked_minutes,active_minutes,idle_minutes,utilization,standard_minutes,performance,primary_role,unclocked_items,unclocked_windows");
        lines[1].ShouldBe($"2025-12-10,{ben},\"Ben, \"\"The Picker\"\"\",,230,69,510,139.85,370.15,0.2742,69,0.4934,Picker,0,0");
        lines[2].ShouldBe($"2025-12-10,{idle},Idle Ida,,0,0,510,0,510,0,0,,,0,0");
    }

    private static async Task WaitAsync(RecomputeTask task)
    {
        for (var i = 0; i < 600 && task.IsRunning; i++)
        {
            await Task.Delay(50);
        }
        task.IsRunning.ShouldBeFalse("the recompute did not finish in 30 s");
    }
}
