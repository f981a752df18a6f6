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
/// Mirrors Connecteam shifts (and their manual breaks) for a range of business days: keyed by (clock id, shift id),
/// an edit updates the row in place, a shift gone from Connecteam inside the range is removed, an invalid shift is
/// rejected and reported. Re-running it any number of times, or twice at once, leaves the same rows.
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
    public async Task SyncAsync(DateOnly from, DateOnly to, SyncOutcome outcome, bool includeArchivedClocks,
        CancellationToken cancellationToken = default)
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
            reads.Add((clockId, await connecteam.GetTimeActivitiesAsync(clockId, from.AddDays(-1), to.AddDays(1), cancellationToken)));
        }
        var unknownUsers = reads.SelectMany(r => r.Activities.Shifts).Select(s => s.UserId).ToHashSet();
        unknownUsers.ExceptWith(await db.Employees.Where(e => e.ConnecteamUserId != null).Select(e => e.ConnecteamUserId!.Value)
            .ToListAsync(cancellationToken));
        if (unknownUsers.Count > 0)
        {
            // A new hire can clock in before the nightly employee sync: read the users once now.
            await employeeSync.SyncAsync(new SyncOutcome(), cancellationToken);
        }

        await ConcurrentWrites.ApplyAsync(db, outcome, async trial =>
        {
            foreach (var (clockId, activities) in reads)
            {
                await ApplyAsync(clockId, activities, from, to, trial, cancellationToken);
            }
        });
    }

    private async Task ApplyAsync(long clockId, ConnecteamActivities activities, DateOnly from, DateOnly to, SyncOutcome outcome,
        CancellationToken cancellationToken)
    {
        outcome.Rejected.AddRange(activities.Rejected);
        var employees = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => e.Id, cancellationToken);
        var ids = activities.Shifts.Select(s => s.Id).ToList();
        var stored = await db.Shifts.Include(s => s.Breaks)
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
            if (incoming.EndUtc is { } end && end <= incoming.StartUtc)
            {
                outcome.Reject("connecteam", $"shift {incoming.Id}", $"clock-out {end:u} is not after clock-in {incoming.StartUtc:u}");
                continue;
            }
            if (!employees.TryGetValue(incoming.UserId, out var employeeId))
            {
                outcome.Reject("connecteam", $"shift {incoming.Id}", $"unknown Connecteam user {incoming.UserId}");
                continue;
            }
            seen.Add(incoming.Id);
            var day = siteClock.BusinessDayOf(incoming.StartUtc);
            var breaks = activities.Breaks
                .Where(b => b.UserId == incoming.UserId && b.StartUtc >= incoming.StartUtc && (incoming.EndUtc is null || b.StartUtc < incoming.EndUtc))
                .DistinctBy(b => b.Id)
                .ToList();
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
                    Breaks = breaks.Select(b => new ShiftBreak { ConnecteamBreakId = b.Id, StartUtc = b.StartUtc, EndUtc = b.EndUtc }).ToList(),
                };
                db.Shifts.Add(shift);
                outcome.Added++;
                outcome.Day(day).Added++;
                outcome.ChangedDays.Add(new EmployeeDay(employeeId, day));
                continue;
            }

            var previous = new EmployeeDay(shift.EmployeeId, shift.BusinessDay);
            var changed = shift.EmployeeId != employeeId || shift.ClockInUtc != incoming.StartUtc || shift.ClockOutUtc != incoming.EndUtc;
            shift.EmployeeId = employeeId;
            shift.ClockInUtc = incoming.StartUtc;
            shift.ClockOutUtc = incoming.EndUtc;
            shift.BusinessDay = day;
            changed |= SyncBreaks(shift, breaks);
            if (changed)
            {
                shift.UpdatedUtc = now;
                outcome.Updated++;
                outcome.Day(day).Changed++;
                outcome.ChangedDays.Add(previous);
                outcome.ChangedDays.Add(new EmployeeDay(employeeId, day));
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
            outcome.ChangedDays.Add(new EmployeeDay(gone.EmployeeId, gone.BusinessDay));
        }
        foreach (var day in seen.Select(id => inRange.First(s => s.Id == id)).GroupBy(s => siteClock.BusinessDayOf(s.StartUtc)))
        {
            outcome.Day(day.Key).Shifts += day.Count();
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool SyncBreaks(Shift shift, List<ConnecteamBreak> incoming)
    {
        var changed = false;
        var byId = incoming.ToDictionary(b => b.Id);
        foreach (var stale in shift.Breaks.Where(b => !byId.ContainsKey(b.ConnecteamBreakId)).ToList())
        {
            shift.Breaks.Remove(stale);
            changed = true;
        }
        foreach (var item in incoming)
        {
            var existing = shift.Breaks.FirstOrDefault(b => b.ConnecteamBreakId == item.Id);
            if (existing is null)
            {
                shift.Breaks.Add(new ShiftBreak { ConnecteamBreakId = item.Id, StartUtc = item.StartUtc, EndUtc = item.EndUtc });
                changed = true;
            }
            else if (existing.StartUtc != item.StartUtc || existing.EndUtc != item.EndUtc)
            {
                existing.StartUtc = item.StartUtc;
                existing.EndUtc = item.EndUtc;
                changed = true;
            }
        }
        return changed;
    }

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
