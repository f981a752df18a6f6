namespace Productivity.Web.Realtime;

/// <summary>What clients of <see cref="DashboardHub"/> receive. Only identifiers: a client reads the numbers it may see elsewhere.</summary>
public interface IDashboardClient
{
    /// <summary>Scores of these business days changed for these employees; <paramref name="occurredAt"/> is when the recompute finished.</summary>
    Task ScoresUpdated(IReadOnlyCollection<DateOnly> days, IReadOnlyCollection<int> employeeIds, DateTimeOffset occurredAt);
}
