using Microsoft.EntityFrameworkCore;
using Productivity.Core.Scoring;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// The calculator's inputs for some employees and days, read in three queries: shifts and manual breaks joined into
/// sessions (<see cref="StoredSessions.JoinedAsync"/>), and windows. One day either side is loaded so that a window after midnight
/// finds the night shift of the day before, a split shift's later part finds its first, and a window before a day's
/// first session is not mistaken for unclocked work.
/// </summary>
internal sealed class ScoreInputs
{
    private static readonly IReadOnlyList<ScoringShift> NoShifts = [];
    private static readonly IReadOnlyList<ScoringWindow> NoWindows = [];

    private static readonly IReadOnlyList<StoredOwner> NoOwners = [];

    private readonly Dictionary<int, List<ScoringShift>> _shifts;
    private readonly Dictionary<int, List<ScoringWindow>> _windows;
    private readonly Dictionary<int, List<StoredOwner>> _owners;

    private ScoreInputs(Dictionary<int, List<ScoringShift>> shifts, Dictionary<int, List<ScoringWindow>> windows,
        Dictionary<int, List<StoredOwner>> owners)
    {
        _shifts = shifts;
        _windows = windows;
        _owners = owners;
    }

    public static async Task<ScoreInputs> LoadAsync(ProductivityDbContext db, SiteClock siteClock, IReadOnlyCollection<int> employeeIds,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var firstDay = from.AddDays(-1);
        var lastDay = to.AddDays(1);
        var (windowFrom, rangeStart) = siteClock.UtcRangeOf(firstDay);
        var (_, windowTo) = siteClock.UtcRangeOf(lastDay);
        var sessions = await StoredSessions.JoinedAsync(db, firstDay, lastDay, employeeIds, cancellationToken);
        // Of the day before, only the windows that reach into the range: a window can belong to one of the range's
        // sessions only by overlapping it, and those start inside the range. The rest of that day is never scored here
        // and halved what a day's recompute reads.
        var windows = await db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId != null && employeeIds.Contains(a.EmployeeId.Value)
                && a.WindowStartUtc >= windowFrom && a.WindowStartUtc < windowTo
                && (a.WindowStartUtc >= rangeStart || a.WindowEndUtc > rangeStart))
            .Select(a => new
            {
                EmployeeId = a.EmployeeId!.Value, a.PodFactoryId, a.Action, a.ItemsCount, a.WindowStartUtc, a.WindowEndUtc,
                a.BusinessDay, a.SessionId,
            })
            .ToListAsync(cancellationToken);
        var byEmployee = windows.GroupBy(w => w.EmployeeId).ToList();
        return new ScoreInputs(
            sessions.ToDictionary(p => p.Key, p => p.Value.Select(ScoringShift.From).ToList()),
            byEmployee.ToDictionary(g => g.Key,
                g => g.Select(w => new ScoringWindow(w.PodFactoryId, w.Action, w.ItemsCount, w.WindowStartUtc, w.WindowEndUtc)).ToList()),
            byEmployee.ToDictionary(g => g.Key, g => g.Select(w => new StoredOwner(w.BusinessDay, w.SessionId)).ToList()));
    }

    public (IReadOnlyList<ScoringShift> Shifts, IReadOnlyList<ScoringWindow> Windows) For(int employeeId) =>
        (_shifts.TryGetValue(employeeId, out var shifts) ? shifts : NoShifts,
         _windows.TryGetValue(employeeId, out var windows) ? windows : NoWindows);

    /// <summary>What the last recompute stored for each of <see cref="For"/>'s windows, in the same order.</summary>
    public IReadOnlyList<StoredOwner> StoredOwners(int employeeId) =>
        _owners.TryGetValue(employeeId, out var owners) ? owners : NoOwners;
}

/// <summary>A window's stored attribution (<see cref="Core.Activities.ActivityRecord.BusinessDay"/>, <see cref="Core.Activities.ActivityRecord.SessionId"/>).</summary>
internal readonly record struct StoredOwner(DateOnly? BusinessDay, long? SessionId);
