using Productivity.Core.Scoring;

namespace Productivity.Core.Alerts;

/// <summary>
/// The rules as pure functions: the conditions that hold in a snapshot. Disabled rules find nothing (their open alerts
/// then close); quiet hours are not decided here but by the service, which opens nothing new during them.
/// </summary>
public static class AlertEvaluator
{
    /// <summary>The kinds about one employee: a scoped evaluation (after a recompute) runs these only.</summary>
    public static bool IsPersonKind(AlertKind kind) =>
        kind is AlertKind.IdleNow or AlertKind.ForgottenClockOut or AlertKind.UnclockedProduction or AlertKind.LowPerformance;

    /// <summary>Every condition that holds, for every enabled rule in <paramref name="rules"/> (one per kind).</summary>
    public static IReadOnlyList<AlertCondition> Evaluate(AlertSnapshot snapshot, IEnumerable<AlertRule> rules)
    {
        var conditions = new List<AlertCondition>();
        foreach (var rule in rules.Where(r => r.IsEnabled))
        {
            if (snapshot.EmployeeScope is not null && !IsPersonKind(rule.Kind))
            {
                continue;
            }
            conditions.AddRange(rule.Kind switch
            {
                AlertKind.IdleNow => IdleNow(snapshot, rule),
                AlertKind.ForgottenClockOut => ForgottenClockOut(snapshot, rule),
                AlertKind.UnclockedProduction => UnclockedProduction(snapshot),
                AlertKind.UnmappedEmail => UnmappedEmail(snapshot),
                AlertKind.StaleFeed => StaleFeed(snapshot, rule),
                AlertKind.SyncFailing => SyncFailing(snapshot, rule),
                AlertKind.LowPerformance => LowPerformance(snapshot, rule),
                _ => [],
            });
        }
        return conditions;
    }

    /// <summary>
    /// The idle limit after a window: factor × the threshold scoring allows after it (a continuous role's idle threshold,
    /// a batch window's standard time × batch factor with the batch floor, 10 min for an unknown action), or × the start
    /// allowance before the first window of the shift; never under the minimum.
    /// </summary>
    public static double IdleLimitMinutes(LastWindowFact? window, RoleTable roles, ScoringParameters parameters, double factor, double minimumMinutes)
    {
        double baseMinutes;
        if (window is null)
        {
            baseMinutes = parameters.StartAllowanceMinutes;
        }
        else if (!roles.TryGet(window.Action, out var role))
        {
            baseMinutes = ScoreCalculator.UnknownActionThresholdMinutes;
        }
        else if (role.Kind == RoleKind.Continuous)
        {
            baseMinutes = role.IdleThresholdMinutes ?? 0;
        }
        else
        {
            baseMinutes = Math.Max(parameters.BatchMinThresholdMinutes, window.Items * 60 / role.ExpectedPerHour * parameters.BatchFactor);
        }
        return Math.Max(minimumMinutes, factor * baseMinutes);
    }

    private static bool InScope(AlertSnapshot snapshot, int employeeId) =>
        snapshot.EmployeeScope is null || snapshot.EmployeeScope.Contains(employeeId);

    private static IEnumerable<AlertCondition> IdleNow(AlertSnapshot snapshot, AlertRule rule)
    {
        foreach (var person in snapshot.ClockedIn)
        {
            if (person.OnBreak || !InScope(snapshot, person.EmployeeId))
            {
                continue;
            }
            var since = person.LastWindow is { } window && window.EndUtc > person.ClockInUtc ? window.EndUtc : person.ClockInUtc;
            var limit = IdleLimitMinutes(person.LastWindow, snapshot.Roles, snapshot.Parameters, rule.Threshold, rule.SecondThreshold ?? 0);
            var idle = (snapshot.NowUtc - since).TotalMinutes;
            if (idle > limit)
            {
                yield return new AlertCondition(AlertKind.IdleNow, AlertSubjects.EmployeeDay(person.EmployeeId, person.SessionDay),
                    Math.Round(idle, 1), Math.Round(limit, 1), person.EmployeeId, person.SessionDay, SinceUtc: since);
            }
        }
    }

    private static IEnumerable<AlertCondition> ForgottenClockOut(AlertSnapshot snapshot, AlertRule rule)
    {
        foreach (var session in snapshot.OpenSessions)
        {
            var hours = (snapshot.NowUtc - session.ClockInUtc).TotalHours;
            if (InScope(snapshot, session.EmployeeId) && hours > rule.Threshold)
            {
                yield return new AlertCondition(AlertKind.ForgottenClockOut, AlertSubjects.Session(session.EmployeeId, session.SessionId),
                    Math.Round(hours, 2), rule.Threshold, session.EmployeeId, session.SessionDay, SinceUtc: session.ClockInUtc);
            }
        }
    }

    private static IEnumerable<AlertCondition> UnclockedProduction(AlertSnapshot snapshot) =>
        snapshot.TodayScores
            .Where(s => s.Day == snapshot.Today && s.UnclockedItems > 0 && InScope(snapshot, s.EmployeeId))
            .Select(s => new AlertCondition(AlertKind.UnclockedProduction, AlertSubjects.EmployeeDay(s.EmployeeId, s.Day),
                s.UnclockedItems, 0, s.EmployeeId, s.Day, Count: s.UnclockedWindows));

    private static IEnumerable<AlertCondition> UnmappedEmail(AlertSnapshot snapshot) =>
        snapshot.UnmappedEmails
            .Where(e => e.RowsToday > 0)
            .Select(e => new AlertCondition(AlertKind.UnmappedEmail, AlertSubjects.Email(e.Email, snapshot.Today),
                e.ItemsToday, 0, BusinessDay: snapshot.Today, Count: e.RowsToday, Reference: e.Email, SinceUtc: e.FirstWindowUtc));

    private static IEnumerable<AlertCondition> StaleFeed(AlertSnapshot snapshot, AlertRule rule)
    {
        // No row ever stored: nothing to be stale against (a source that cannot be read fails its sync runs instead).
        if (snapshot.LatestRowUtc is not { } latest)
        {
            yield break;
        }
        var working = snapshot.ClockedIn.Count(p => !p.OnBreak);
        var minutes = (snapshot.NowUtc - latest).TotalMinutes;
        if (minutes > rule.Threshold && working >= (rule.SecondThreshold ?? 1))
        {
            yield return new AlertCondition(AlertKind.StaleFeed, AlertSubjects.FeedSubject, Math.Round(minutes, 1), rule.Threshold,
                Count: working, Reference: AlertSubjects.FeedSubject, SinceUtc: latest);
        }
    }

    private static IEnumerable<AlertCondition> SyncFailing(AlertSnapshot snapshot, AlertRule rule) =>
        snapshot.SyncJobs
            .Where(j => j.ConsecutiveFailures >= rule.Threshold)
            .Select(j => new AlertCondition(AlertKind.SyncFailing, AlertSubjects.Job(j.Job), j.ConsecutiveFailures, rule.Threshold,
                Count: j.ConsecutiveFailures, Reference: j.Job, SinceUtc: j.FirstFailureUtc));

    private static IEnumerable<AlertCondition> LowPerformance(AlertSnapshot snapshot, AlertRule rule) =>
        snapshot.TodayScores
            .Where(s => s.Day == snapshot.Today && InScope(snapshot, s.EmployeeId)
                && s.Performance is { } performance && performance * 100 < rule.Threshold
                && s.ActiveMinutes >= (rule.SecondThreshold ?? 0))
            .Select(s => new AlertCondition(AlertKind.LowPerformance, AlertSubjects.EmployeeDay(s.EmployeeId, s.Day),
                Math.Round(s.Performance!.Value * 100, 1), rule.Threshold, s.EmployeeId, s.Day));
}
