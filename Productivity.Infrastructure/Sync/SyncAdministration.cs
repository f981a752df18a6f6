using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Integrations;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Quartz;

namespace Productivity.Infrastructure.Sync;

/// <summary>The Sync page's reads (sync_runs, sync_polls and the scheduler's triggers) and "Run now".</summary>
internal sealed class SyncAdministration(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    SyncPipeline pipeline,
    OpenShiftScoring openShifts,
    ISchedulerFactory? schedulerFactory = null) : ISyncAdministration
{
    public async Task<SyncOverview> JobsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = SyncJobCatalog.All.Where(j => j.SyncJob is not null).Select(j => j.SyncJob!).ToList();
        var lastIds = await db.SyncRuns.AsNoTracking().Where(r => names.Contains(r.Job))
            .GroupBy(r => r.Job).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var lastRuns = await db.SyncRuns.AsNoTracking().Where(r => lastIds.Contains(r.Id)).ToDictionaryAsync(r => r.Job, cancellationToken);
        var polls = await db.SyncPolls.AsNoTracking().ToDictionaryAsync(p => p.Job, p => p.PolledUtc, cancellationToken);
        var scheduler = schedulerFactory is null ? null : await schedulerFactory.GetScheduler(cancellationToken);
        var jobs = new List<JobStatus>();
        foreach (var (jobKey, syncJob) in SyncJobCatalog.All)
        {
            var triggers = scheduler is null ? [] : await scheduler.GetTriggersOfJob(new JobKey(jobKey), cancellationToken);
            // The schedule is the trigger named after the job; "Run now" and catch-up add one-off triggers beside it.
            var schedule = triggers.Where(t => t.Key.Name == jobKey).DefaultIfEmpty(triggers.FirstOrDefault()).First();
            jobs.Add(new JobStatus(
                jobKey,
                syncJob,
                schedule is null ? null : Timing(schedule),
                syncJob is null ? null : lastRuns.GetValueOrDefault(syncJob),
                triggers.Select(t => t.PreviousFireTimeUtc).Max()?.UtcDateTime,
                schedule?.NextFireTimeUtc?.UtcDateTime,
                syncJob is not null && polls.TryGetValue(syncJob, out var polled) ? polled : null));
        }
        return new SyncOverview(scheduler is not null, jobs);
    }

    public async Task<RunNowResult> RunNowAsync(ClaimsPrincipal actor, string jobKey, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        if (!SyncJobCatalog.All.Any(j => j.JobKey == jobKey))
        {
            throw new AdminActionRefusedException(AdminRefusal.UnknownJob, jobKey);
        }
        if (schedulerFactory is not null)
        {
            var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
            var key = new JobKey(jobKey);
            if (await scheduler.Exists(key, cancellationToken))
            {
                await scheduler.TriggerJob(key, new JobDataMap { [JobTrigger.Key] = SyncTriggers.Manual }, cancellationToken);
                return new RunNowResult(jobKey, Started: true, Run: null, Failed: false, Rescored: null);
            }
        }
        return await RunHereAsync(jobKey);
    }

    public async Task<SyncRunPage> HistoryAsync(ClaimsPrincipal actor, SyncRunQuery query, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.SyncRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Job))
        {
            runs = runs.Where(r => r.Job == query.Job);
        }
        var total = await runs.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var ordered = runs.OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.Id);
        var page = query.After is { } after
            ? ordered.Where(r => r.StartedUtc < after.StartedUtc || (r.StartedUtc == after.StartedUtc && r.Id < after.Id))
            : ordered.Skip(Math.Max(0, query.Page) * pageSize);
        var items = await page.Take(pageSize).ToListAsync(cancellationToken);
        return new SyncRunPage(items, total);
    }

    public async Task<SyncRunDetails> RunDetailsAsync(ClaimsPrincipal actor, long runId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.SyncRunNotFound, runId.ToString(CultureInfo.InvariantCulture));
        var details = ParseDetails(run);
        var employeeIds = details.Removed.Select(r => r.EmployeeId).Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        return details with { Removed = [.. details.Removed.Select(r => r with { EmployeeName = names.GetValueOrDefault(r.EmployeeId) })] };
    }

    /// <summary>Reads the JSON that <see cref="SyncRunner"/> writes; unknown or missing parts are left empty, names unresolved.</summary>
    internal static SyncRunDetails ParseDetails(SyncRun run)
    {
        var warnings = new List<string>();
        var rejected = new List<RejectedRow>();
        var days = new List<SyncDayReport>();
        var removed = new List<SyncRemovedShift>();
        var unchanged = 0;
        if (!string.IsNullOrWhiteSpace(run.Details))
        {
            using var document = JsonDocument.Parse(run.Details);
            var root = document.RootElement;
            unchanged = Int(root, "unchanged");
            if (root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array)
            {
                warnings.AddRange(w.EnumerateArray().Select(e => e.GetString() ?? ""));
            }
            if (root.TryGetProperty("rejected", out var r) && r.ValueKind == JsonValueKind.Array)
            {
                rejected.AddRange(r.EnumerateArray().Select(e => new RejectedRow(Text(e, "Source"), Text(e, "Key"), Text(e, "Reason"))));
            }
            if (root.TryGetProperty("days", out var d) && d.ValueKind == JsonValueKind.Array)
            {
                days.AddRange(d.EnumerateArray()
                    .Where(e => DateOnly.TryParseExact(Text(e, "day"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    .Select(e => new SyncDayReport(DateOnly.ParseExact(Text(e, "day"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Int(e, "Shifts"), Int(e, "Added"), Int(e, "Changed"), Int(e, "Removed"))));
            }
            if (root.TryGetProperty("removed", out var gone) && gone.ValueKind == JsonValueKind.Array)
            {
                removed.AddRange(gone.EnumerateArray()
                    .Where(e => DateOnly.TryParseExact(Text(e, "BusinessDay"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    .Select(e => new SyncRemovedShift(DateOnly.ParseExact(Text(e, "BusinessDay"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Int(e, "EmployeeId"), null, Long(e, "ClockId"), Text(e, "ShiftId"))));
            }
        }
        return new SyncRunDetails(run, unchanged, warnings, rejected, days, removed);
    }

    private async Task<RunNowResult> RunHereAsync(string jobKey)
    {
        // Not tied to the page: a run started by an Admin finishes even if they navigate away.
        var cancellationToken = CancellationToken.None;
        var (from, to) = pipeline.RecentDays();
        var result = jobKey switch
        {
            nameof(ShiftSyncJob) => await pipeline.PollShiftsAsync(SyncTriggers.Manual, cancellationToken),
            nameof(EmployeeSyncJob) => await pipeline.SyncEmployeesAsync(SyncTriggers.Manual, cancellationToken),
            nameof(ReconciliationJob) => await pipeline.ReconcileAsync(SyncTriggers.Manual, cancellationToken),
            nameof(PodFactorySyncJob) => await pipeline.SyncPodFactoryAsync(SyncTriggers.Manual, cancellationToken),
            nameof(PodFactoryDaysJob) => await pipeline.SyncPodFactoryDaysAsync(SyncTriggers.Manual, from, to, cancellationToken),
            _ => null,
        };
        if (result is null)
        {
            var rescored = await openShifts.RecalculateOpenShiftsAsync(cancellationToken);
            return new RunNowResult(jobKey, Started: false, Run: null, Failed: false, Rescored: rescored);
        }
        return new RunNowResult(jobKey, Started: false, result.Run, Failed: result.Failure is not null, Rescored: null);
    }

    private static JobTiming Timing(ITrigger trigger) => trigger switch
    {
        ISimpleTrigger simple => new JobTiming(simple.RepeatInterval, null, null),
        ICronTrigger cron => new JobTiming(null, cron.CronExpressionString, cron.TimeZone.Id),
        _ => new JobTiming(null, null, null),
    };

    private static string Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";

    private static int Int(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : 0;

    private static long Long(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : 0;

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
