namespace Productivity.Core.Realtime;

/// <summary>Scores of these business days changed for these employees (published after every recompute).</summary>
public sealed record ScoresUpdated(IReadOnlyCollection<DateOnly> Days, IReadOnlyCollection<int> EmployeeIds, DateTimeOffset OccurredAt);
