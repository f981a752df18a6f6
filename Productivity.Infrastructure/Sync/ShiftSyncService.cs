using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Productivity.Core.Integrations;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Integrations.Connecteam;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Mirrors Connecteam shifts and manual breaks for a range of business days, each as Connecteam sends it (a break is
/// its own row, whether it lies between the two shifts it split or inside one): keyed by (clock id, item id), an edit
/// updates the row in place, an item gone from Connecteam inside the range is removed, an invalid one is rejected and
/// reported. Re-running it any number of times, or twice at once, leaves the same rows. A change of a day that a
/// session of the day before reaches into (a night shift split after midnight) marks that day too: the session
/// belongs to its first shift's day. A targeted read (<see cref="SyncUsersAsync"/>, for a webhook event) touches only
/// the rows of the users it asked for by the same rule that protects everyone a response leaves out: only a user the
/// response lists in full (<see cref="ConnecteamActivities.Users"/>) loses a missing shift or break.
/// </summary>
public sealed class ShiftSyncService(
    ProductivityDbContext db,
    IConnecteamClient connecteam,
    EmployeeSyncService employeeSync,
    IOptions<ConnecteamOptions> options,
    SiteClock siteClock,
    TimeProvider timeProvider,
    ILogger<ShiftSyncService> logger)
{
    /// <param name="includeArchivedClocks">Read archived clocks too (their history stays readable); ignored when
    /// <c>Connecteam:ClockIds</c> names the clocks.</param>
    public Task<SyncOutcome> SyncAsync(DateOnly from, DateOnly to, bool includeArchivedClocks, CancellationToken cancellationToken = default) =>
        SyncOutcome.CollectAsync(outcome => SyncAsync(from, to, null, outcome, includeArchivedClocks, cancellationToken), cancellationToken);

    /// <summary>The same for these Connecteam users only: their shifts and manual breaks are added, updated and removed.</summary>
    public Task<SyncOutcome> SyncUsersAsync(IReadOnlyCollection<long> connecteamUserIds, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default) =>
        SyncOutcome.CollectAsync(outcome => SyncAsync(from, to, connecteamUserIds, outcome, includeArchivedClocks: false, cancellationToken),
            cancellationToken);

    private async Task SyncAsync(DateOnly from, DateOnly to, IReadOnlyCollection<long>? users, SyncOutcome outcome,
        bool includeArchivedClocks, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is empty.");
        }
        var clockIds = await ClockIdsAsync(includeArchivedClocks, cancellationToken);
        var reads = new List<(long ClockId, ConnecteamActivities Activities)>();
        foreach (var clockId in clockIds)
        {
            // Connecteam reads dates in the clock's zone; one day either side covers every site-local day in range.
            reads.Add((clockId, users is null
                ? await connecteam.GetTimeActivitiesAsync(clockId, from.AddDays(-1), to.AddDays(1), cancellationToken)
                : await connecteam.GetTimeActivitiesAsync(clockId, from.AddDays(-1), to.AddDays(1), users, cancellationToken)));
        }
        var unknownUsers = reads.SelectMany(r => r.Activities.Shifts).Select(s => s.UserId).ToHashSet();
        unknownUsers.ExceptWith(await db.Employees.Where(e => e.ConnecteamUserId != null).Select(e => e.ConnecteamUserId!.Value)
            .ToListAsync(cancellationToken));
        if (unknownUsers.Count > 0)
        {
            // A new hire can clock in before the nightly employee sync: read the users once now.
            await employeeSync.SyncAsync(cancellationToken);
        }

        // All clocks in one attempt; a retried attempt reports only itself.
        outcome.MergeFrom(await ConcurrentWrites.RetryAsync(db, async () =>
        {
            var trial = new SyncOutcome();
            foreach (var (clockId, activities) in reads)
            {
                await ApplyAsync(clockId, activities, from, to, trial, cancellationToken);
            }
            return trial;
        }));
        await AddSessionStartDaysAsync(outcome, cancellationToken);
    }

    /// <summary>Adds the day before a changed day when a stored shift of that day still runs at its midnight.</summary>
    private async Task AddSessionStartDaysAsync(SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var changed = outcome.ChangedDays.ToList();
        var employeeIds = changed.Select(c => c.EmployeeId).Distinct().ToList();
        var daysBefore = changed.Select(c => c.Day.AddDays(-1)).Distinct().ToList();
        var reaching = await db.Shifts.AsNoTracking()
            .Where(s => employeeIds.Contains(s.EmployeeId) && daysBefore.Contains(s.BusinessDay))
            .Select(s => new { s.EmployeeId, s.BusinessDay, s.ClockOutUtc })
            .ToListAsync(cancellationToken);
        foreach (var day in changed)
        {
            var midnight = siteClock.UtcRangeOf(day.Day).StartUtc - ClockSessions.JoinTolerance;
            if (reaching.Any(s => s.EmployeeId == day.EmployeeId && s.BusinessDay == day.Day.AddDays(-1)
                    && (s.ClockOutUtc is null || s.ClockOutUtc >= midnight)))
            {
                outcome.ChangedDays.Add(day with { Day = day.Day.AddDays(-1) });
            }
        }
    }

    private async Task ApplyAsync(long clockId, ConnecteamActivities activities, DateOnly from, DateOnly to,
        SyncOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var rejected in activities.Rejected)
        {
            outcome.Reject(rejected);
        }
        var employees = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => e.Id, cancellationToken);
        var ids = activities.Shifts.Select(s => s.Id).ToList();
        var stored = await db.Shifts
            .Where(s => s.ClockId == clockId && ((s.BusinessDay >= from && s.BusinessDay <= to) || ids.Contains(s.ConnecteamShiftId)))
            .ToDictionaryAsync(s => s.ConnecteamShiftId, cancellationToken);
        // Shifts of the range, plus stored ones whose clock-in was edited to a day outside it (they move, not vanish).
        var inRange = activities.Shifts
            .Where(s => InRange(siteClock.BusinessDayOf(s.StartUtc), from, to) || stored.ContainsKey(s.Id))
            .ToList();
        outcome.ItemsRead += inRange.Count;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var seen = new HashSet<string>();

        foreach (var incoming in inRange.DistinctBy(s => s.Id))
        {
            if (IncomingRows.Check(incoming) is RowRejection.EndNotAfterStart)
            {
                outcome.Reject("connecteam", $"shift {incoming.Id}", $"clock-out {incoming.EndUtc:u} is not after clock-in {incoming.StartUtc:u}");
                continue;
            }
            if (!employees.TryGetValue(incoming.UserId, out var employeeId))
            {
                outcome.Reject("connecteam", $"shift {incoming.Id}", $"unknown Connecteam user {incoming.UserId}");
                continue;
            }
            seen.Add(incoming.Id);
            var day = siteClock.BusinessDayOf(incoming.StartUtc);
            if (!stored.TryGetValue(incoming.Id, out var shift))
            {
                shift = new Shift
                {
                    EmployeeId = employeeId,
                    ClockId = clockId,
                    ConnecteamShiftId = incoming.Id,
                    ClockInUtc = incoming.StartUtc,
                    ClockOutUtc = incoming.EndUtc,
                    BusinessDay = day,
                    UpdatedUtc = now,
                };
                db.Shifts.Add(shift);
                outcome.Added++;
                outcome.Day(day).Added++;
                Changed(outcome, employeeId, day);
                continue;
            }

            var previous = new EmployeeDay(shift.EmployeeId, shift.BusinessDay);
            var changed = shift.EmployeeId != employeeId || shift.ClockInUtc != incoming.StartUtc || shift.ClockOutUtc != incoming.EndUtc;
            shift.EmployeeId = employeeId;
            shift.ClockInUtc = incoming.StartUtc;
            shift.ClockOutUtc = incoming.EndUtc;
            shift.BusinessDay = day;
            if (changed)
            {
                shift.UpdatedUtc = now;
                outcome.Updated++;
                outcome.Day(day).Changed++;
                Changed(outcome, previous.EmployeeId, previous.Day);
                Changed(outcome, employeeId, day);
            }
            else
            {
                outcome.Unchanged++;
            }
        }

        // Only a user the answer lists in full can have lost a shift (see ConnecteamActivities.Users): one left out, e.g.
        // no longer assigned to the clock, keeps their stored shifts rather than losing their history.
        var listed = employees.Where(e => activities.Users.Contains(e.Key)).Select(e => e.Value).ToHashSet();
        var removed = stored.Values
            .Where(s => !seen.Contains(s.ConnecteamShiftId) && InRange(s.BusinessDay, from, to) && listed.Contains(s.EmployeeId));
        foreach (var gone in removed)
        {
            logger.LogInformation("Shift {ShiftId} (employee {EmployeeId}, {Day}) is no longer in Connecteam; removing it.",
                gone.ConnecteamShiftId, gone.EmployeeId, gone.BusinessDay);
            db.Shifts.Remove(gone);
            outcome.RemoveShift(new RemovedShift(clockId, gone.ConnecteamShiftId, gone.EmployeeId, gone.BusinessDay));
            outcome.Day(gone.BusinessDay).Removed++;
            Changed(outcome, gone.EmployeeId, gone.BusinessDay);
        }
        foreach (var day in seen.Select(id => inRange.First(s => s.Id == id)).GroupBy(s => siteClock.BusinessDayOf(s.StartUtc)))
        {
            outcome.Day(day.Key).Shifts += day.Count();
        }
        await ApplyBreaksAsync(clockId, activities, employees, listed, from, to, outcome, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="listed">Employees the answer lists in full: only their missing breaks are removed, as for shifts.</param>
    private async Task ApplyBreaksAsync(long clockId, ConnecteamActivities activities, Dictionary<long, int> employees,
        HashSet<int> listed, DateOnly from, DateOnly to, SyncOutcome outcome, DateTime now, CancellationToken cancellationToken)
    {
        var names = await BreakNamesAsync(clockId, activities, outcome, cancellationToken);
        var ids = activities.Breaks.Select(b => b.Id).ToList();
        var stored = await db.ManualBreaks
            .Where(b => b.ClockId == clockId && ((b.BusinessDay >= from && b.BusinessDay <= to) || ids.Contains(b.ConnecteamBreakId)))
            .ToDictionaryAsync(b => b.ConnecteamBreakId, cancellationToken);
        var seen = new HashSet<string>();
        foreach (var incoming in activities.Breaks.DistinctBy(b => b.Id))
        {
            var day = siteClock.BusinessDayOf(incoming.StartUtc);
            if (!InRange(day, from, to) && !stored.ContainsKey(incoming.Id))
            {
                continue;
            }
            if (IncomingRows.Check(incoming) is RowRejection.EndNotAfterStart)
            {
                outcome.Reject("connecteam", $"manual break {incoming.Id}", $"end {incoming.EndUtc:u} is not after start {incoming.StartUtc:u}");
                continue;
            }
            if (!employees.TryGetValue(incoming.UserId, out var employeeId))
            {
                outcome.Reject("connecteam", $"manual break {incoming.Id}", $"unknown Connecteam user {incoming.UserId}");
                continue;
            }
            seen.Add(incoming.Id);
            if (!stored.TryGetValue(incoming.Id, out var item))
            {
                db.ManualBreaks.Add(new ManualBreak
                {
                    EmployeeId = employeeId,
                    ClockId = clockId,
                    ConnecteamBreakId = incoming.Id,
                    BreakTypeId = incoming.BreakTypeId,
                    Name = Name(names, incoming),
                    IsPaid = incoming.IsPaid,
                    StartUtc = incoming.StartUtc,
                    EndUtc = incoming.EndUtc,
                    BusinessDay = day,
                    UpdatedUtc = now,
                });
                Changed(outcome, employeeId, day);
                continue;
            }
            var previous = new EmployeeDay(item.EmployeeId, item.BusinessDay);
            var name = Name(names, incoming) ?? item.Name;
            if (item.EmployeeId == employeeId && item.StartUtc == incoming.StartUtc && item.EndUtc == incoming.EndUtc
                && item.BreakTypeId == incoming.BreakTypeId && item.IsPaid == incoming.IsPaid && item.Name == name)
            {
                continue;
            }
            item.EmployeeId = employeeId;
            item.BreakTypeId = incoming.BreakTypeId;
            item.Name = name;
            item.IsPaid = incoming.IsPaid;
            item.StartUtc = incoming.StartUtc;
            item.EndUtc = incoming.EndUtc;
            item.BusinessDay = day;
            item.UpdatedUtc = now;
            Changed(outcome, previous.EmployeeId, previous.Day);
            Changed(outcome, employeeId, day);
        }
        foreach (var gone in stored.Values.Where(b => !seen.Contains(b.ConnecteamBreakId) && InRange(b.BusinessDay, from, to)
                     && listed.Contains(b.EmployeeId)))
        {
            db.ManualBreaks.Remove(gone);
            Changed(outcome, gone.EmployeeId, gone.BusinessDay);
        }
    }

    // The clock's break types name the breaks ("Lunch"); read only when there are breaks, and a failed read costs only
    // the names (kept as stored), never the sync.
    private async Task<IReadOnlyDictionary<string, string>> BreakNamesAsync(long clockId, ConnecteamActivities activities,
        SyncOutcome outcome, CancellationToken cancellationToken)
    {
        if (activities.Breaks.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        try
        {
            return (await connecteam.GetBreakTypesAsync(clockId, cancellationToken))
                .DistinctBy(t => t.Id).ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
        }
        catch (ConnecteamApiException ex)
        {
            outcome.Warnings.Add($"clock {clockId}: the manual break types could not be read ({ex.Message}); break names unchanged");
            return new Dictionary<string, string>();
        }
    }

    private static string? Name(IReadOnlyDictionary<string, string> names, ConnecteamBreak item) =>
        item.BreakTypeId is { } type && names.TryGetValue(type, out var name) ? name[..Math.Min(name.Length, 100)] : null;

    private static void Changed(SyncOutcome outcome, int employeeId, DateOnly day) =>
        outcome.ChangedDays.Add(new EmployeeDay(employeeId, day));

    private async Task<IReadOnlyList<long>> ClockIdsAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        if (options.Value.ClockIds is { Length: > 0 } configured)
        {
            return configured;
        }
        var clocks = await connecteam.GetTimeClocksAsync(cancellationToken);
        return clocks.Where(c => includeArchived || !c.IsArchived).Select(c => c.Id).ToList();
    }

    private static bool InRange(DateOnly day, DateOnly from, DateOnly to) => day >= from && day <= to;
}
