using Microsoft.EntityFrameworkCore;
using Productivity.Core.Alerts;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// Reads the stored facts of one evaluation with a fixed number of queries, whatever the number of people: sessions
/// (two), the current clock-in and the latest window of each person clocked in (two), today's scores, the unmapped e-mails of today, the
/// PodFactory cursor and the last runs of the sync jobs; the person facts only for the scoped employees.
/// </summary>
internal static class AlertSnapshotLoader
{
    /// <summary>The sync jobs whose failures are alerted: the scheduled ones (imports are run by hand and watched).</summary>
    public static IReadOnlyList<string> WatchedJobs { get; } =
        [.. SyncJobCatalog.All.Select(j => j.SyncJob).OfType<string>(), SyncJobs.Webhook];

    /// <summary>
    /// The sessions of this many days back are read for open sessions: the forgotten clock-out rule allows 48 hours at
    /// most (<see cref="AlertRuleDefaults.Limits"/>), so a session that old began at most three business days ago.
    /// </summary>
    private const int SessionDaysBack = 3;

    public static async Task<AlertSnapshot> LoadAsync(ProductivityDbContext db, SiteClock siteClock, DateTime nowUtc,
        IReadOnlyCollection<int>? employeeScope, IReadOnlyList<AlertRule> rules, CancellationToken cancellationToken)
    {
        var today = siteClock.BusinessDayOf(nowUtc);
        var enabled = rules.Where(r => r.IsEnabled).ToDictionary(r => r.Kind);
        var full = employeeScope is null;
        var parameters = await StoredScoringParameters.LoadAsync(db, cancellationToken);
        var roles = await db.ActionRoles.AsNoTracking().ToListAsync(cancellationToken);
        var cap = TimeSpan.FromHours(parameters.OpenShiftCapHours);

        var sessions = await StoredSessions.LoadAsync(db, siteClock, today.AddDays(-SessionDaysBack), today, employeeScope, cancellationToken);
        var open = sessions.Where(s => s.ClockOutUtc is null && s.ClockInUtc <= nowUtc).ToList();
        var clockedIn = ClockedIn.Of(open, nowUtc, cap);
        // The current shift's clock-in: after a break the person starts again then, and idle counts from there.
        var resumed = await CurrentClockInsAsync(db, nowUtc, employeeScope, cancellationToken);
        var lastWindows = enabled.ContainsKey(AlertKind.IdleNow)
            ? await LastWindowsAsync(db, clockedIn.Values, nowUtc, cancellationToken)
            : [];

        return new AlertSnapshot
        {
            NowUtc = nowUtc,
            Today = today,
            SiteLocalTime = TimeOnly.FromDateTime(siteClock.ToLocal(nowUtc)),
            EmployeeScope = employeeScope?.ToHashSet(),
            Roles = new RoleTable(roles.Select(r => r.ToDefinition())),
            Parameters = parameters,
            ClockedIn = clockedIn.Values.Select(s =>
            {
                var clockIn = resumed.TryGetValue(s.EmployeeId, out var at) && at > s.ClockInUtc ? at : s.ClockInUtc;
                var window = lastWindows.GetValueOrDefault(s.EmployeeId);
                return new ClockedInFact(s.EmployeeId, s.Id, s.BusinessDay, clockIn, s.OpenBreak is not null,
                    window is not null && window.EndUtc > clockIn ? window : null);
            }).ToList(),
            OpenSessions = open.Select(s => new OpenSessionFact(s.EmployeeId, s.Id, s.BusinessDay, s.ClockInUtc)).ToList(),
            TodayScores = await TodayScoresAsync(db, today, employeeScope, enabled, cancellationToken),
            UnmappedEmails = full && enabled.ContainsKey(AlertKind.UnmappedEmail)
                ? await UnmappedEmailsAsync(db, siteClock, today, cancellationToken)
                : [],
            LatestRowUtc = full && enabled.ContainsKey(AlertKind.StaleFeed)
                ? await db.SyncCursors.AsNoTracking().Where(c => c.Source == ActivitySyncService.CursorName)
                    .Select(c => (DateTime?)c.CreatedUtc).SingleOrDefaultAsync(cancellationToken)
                : null,
            SyncJobs = full && enabled.TryGetValue(AlertKind.SyncFailing, out var failing)
                ? await SyncJobsAsync(db, (int)failing.Threshold, cancellationToken)
                : [],
        };
    }

    /// <summary>
    /// The open shifts of the last day, the latest clock-in per person: after a break the person starts again then, so
    /// idle counts from there. Bounded by time and not by a list of ids, so the statement is the same on every run.
    /// </summary>
    private static IQueryable<CurrentShift> CurrentShifts(ProductivityDbContext db, DateTime nowUtc, IReadOnlyCollection<int>? employeeScope)
    {
        var since = nowUtc.AddHours(-ScoringParameters.MaxOpenShiftCapHours);
        var shifts = db.Shifts.Where(s => s.ClockOutUtc == null && s.ClockInUtc >= since && s.ClockInUtc <= nowUtc);
        if (employeeScope is not null)
        {
            shifts = shifts.Where(s => employeeScope.Contains(s.EmployeeId));
        }
        return shifts.GroupBy(s => s.EmployeeId).Select(g => new CurrentShift { EmployeeId = g.Key, ClockInUtc = g.Max(s => s.ClockInUtc) });
    }

    private static async Task<Dictionary<int, DateTime>> CurrentClockInsAsync(ProductivityDbContext db, DateTime nowUtc,
        IReadOnlyCollection<int>? employeeScope, CancellationToken cancellationToken) =>
        await CurrentShifts(db, nowUtc, employeeScope).AsNoTracking().ToDictionaryAsync(c => c.EmployeeId, c => c.ClockInUtc, cancellationToken);

    /// <summary>
    /// The latest window of each person clocked in, since their session began: the latest end per person, then the rows
    /// with those ends for the action and items that decide the threshold. Both read the (employee, start, end) index
    /// as one tight range per person (the ids inline, as the recompute's reads do). Not one statement joining the two:
    /// MariaDB joins back on the employee alone (ref access), which reads each person's whole history of windows.
    /// </summary>
    private static async Task<Dictionary<int, LastWindowFact>> LastWindowsAsync(ProductivityDbContext db, IEnumerable<SessionSpan> sessions,
        DateTime nowUtc, CancellationToken cancellationToken)
    {
        var list = sessions.Where(s => s.OpenBreak is null).ToList();
        if (list.Count == 0)
        {
            return [];
        }
        var ids = list.Select(s => (int?)s.EmployeeId).ToList();
        // A window may start a little before the clock-in and still belong to the session (attribution's tolerance).
        var since = list.Min(s => s.ClockInUtc).AddHours(-1);
        var latest = await db.Activities.AsNoTracking()
            .Where(a => ids.Contains(a.EmployeeId) && a.WindowStartUtc >= since && a.WindowStartUtc <= nowUtc)
            .GroupBy(a => a.EmployeeId)
            .Select(g => new { EmployeeId = g.Key!.Value, End = g.Max(a => a.WindowEndUtc) })
            .ToListAsync(cancellationToken);
        if (latest.Count == 0)
        {
            return [];
        }
        var ends = latest.Select(l => l.End).Distinct().ToList();
        var latestByEmployee = latest.ToDictionary(l => l.EmployeeId, l => l.End);
        var rows = await db.Activities.AsNoTracking()
            .Where(a => ids.Contains(a.EmployeeId) && a.WindowStartUtc >= since && a.WindowStartUtc <= nowUtc && ends.Contains(a.WindowEndUtc))
            .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.WindowEndUtc, a.Action, a.ItemsCount, a.PodFactoryId })
            .ToListAsync(cancellationToken);
        // Two windows ending together (two actions): the later PodFactory row stands.
        return rows.Where(r => latestByEmployee[r.EmployeeId] == r.WindowEndUtc)
            .GroupBy(r => r.EmployeeId)
            .Select(g => g.MaxBy(r => r.PodFactoryId)!)
            .ToDictionary(r => r.EmployeeId, r => new LastWindowFact(r.WindowEndUtc, r.Action, r.ItemsCount));
    }

    private sealed class CurrentShift
    {
        public int EmployeeId { get; init; }
        public DateTime ClockInUtc { get; init; }
    }

    private static async Task<IReadOnlyList<DayScoreFact>> TodayScoresAsync(ProductivityDbContext db, DateOnly today,
        IReadOnlyCollection<int>? employeeScope, Dictionary<AlertKind, AlertRule> enabled, CancellationToken cancellationToken)
    {
        var unclocked = enabled.ContainsKey(AlertKind.UnclockedProduction);
        var low = enabled.TryGetValue(AlertKind.LowPerformance, out var lowRule);
        if (!unclocked && !low)
        {
            return [];
        }
        // Only the rows a rule may pick: a day without unclocked items and above the performance limit is never read.
        var ratio = low ? lowRule!.Threshold / 100 : 0;
        var minutes = low ? lowRule!.SecondThreshold ?? 0 : 0;
        var scores = db.DailyScores.AsNoTracking().Where(s => s.BusinessDay == today
            && ((unclocked && s.UnclockedItems > 0) || (low && s.Performance < ratio && s.ActiveMinutes >= minutes)));
        if (employeeScope is not null)
        {
            scores = scores.Where(s => employeeScope.Contains(s.EmployeeId));
        }
        return await scores.Select(s => new DayScoreFact(s.EmployeeId, s.BusinessDay, s.Performance, s.ActiveMinutes, s.UnclockedItems, s.UnclockedWindows))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Today's rows no verified mapping attributes (null employee), per e-mail; e-mails an Admin rejected are left out.</summary>
    private static async Task<IReadOnlyList<UnmappedEmailFact>> UnmappedEmailsAsync(ProductivityDbContext db, SiteClock siteClock, DateOnly today,
        CancellationToken cancellationToken)
    {
        var (start, end) = siteClock.UtcRangeOf(today);
        var rows = await db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId == null && a.WindowStartUtc >= start && a.WindowStartUtc < end)
            .GroupBy(a => a.Email)
            .Select(g => new { Email = g.Key, Rows = g.Count(), Items = g.Sum(a => a.ItemsCount), First = g.Min(a => a.WindowStartUtc) })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }
        var emails = rows.Select(r => r.Email).ToList();
        var rejected = (await db.PendingMappings.AsNoTracking()
            .Where(p => p.Status == Core.Employees.PendingMappingStatus.Rejected && emails.Contains(p.Email))
            .Select(p => p.Email).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => !rejected.Contains(r.Email)).Select(r => new UnmappedEmailFact(r.Email, r.Rows, r.Items, r.First)).ToList();
    }

    /// <summary>The last <paramref name="k"/> finished runs of each watched job (the (job, start) index), newest first.</summary>
    private static async Task<IReadOnlyList<SyncJobFact>> SyncJobsAsync(ProductivityDbContext db, int k, CancellationToken cancellationToken)
    {
        var facts = new List<SyncJobFact>();
        foreach (var job in WatchedJobs)
        {
            var runs = await db.SyncRuns.AsNoTracking()
                .Where(r => r.Job == job && r.Status != SyncRunStatus.Running)
                .OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.Id)
                .Take(k)
                .Select(r => new { r.Status, r.StartedUtc })
                .ToListAsync(cancellationToken);
            var failed = runs.TakeWhile(r => r.Status == SyncRunStatus.Failed).ToList();
            facts.Add(new SyncJobFact(job, failed.Count, failed.Count > 0 ? failed[^1].StartedUtc : null));
        }
        return facts;
    }
}
