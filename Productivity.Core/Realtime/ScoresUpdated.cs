namespace Productivity.Core.Realtime;

/// <summary>Scores of these business days changed for these employees (published after every recompute).</summary>
public sealed record ScoresUpdated(IReadOnlyCollection<DateOnly> Days, IReadOnlyCollection<int> EmployeeIds, DateTimeOffset OccurredAt)
{
    /// <summary>
    /// Any day of anyone may have changed: this node was cut off from the other nodes' updates for a while (its Redis
    /// connection was restored), so every open page reloads once. <see cref="Days"/> and <see cref="EmployeeIds"/> are empty.
    /// </summary>
    public bool AnyDay { get; init; }

    public static ScoresUpdated Resync(DateTimeOffset occurredAt) => new([], [], occurredAt) { AnyDay = true };

    /// <summary>Whether the update may change <paramref name="day"/> (of anyone).</summary>
    public bool Touches(DateOnly day) => AnyDay || Days.Contains(day);

    /// <summary>Whether the update may change a day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool TouchesAny(DateOnly from, DateOnly to) => AnyDay || Days.Any(day => day >= from && day <= to);

    /// <summary>Whether the update may change <paramref name="employeeId"/>'s <paramref name="day"/>.</summary>
    public bool Touches(int employeeId, DateOnly day) => AnyDay || (EmployeeIds.Contains(employeeId) && Days.Contains(day));
}
