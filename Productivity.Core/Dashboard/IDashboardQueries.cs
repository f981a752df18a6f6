namespace Productivity.Core.Dashboard;

/// <summary>The manager dashboard's read models (cached; rebuilt after every recompute of a day they show).</summary>
public interface IDashboardQueries
{
    /// <summary>The site-local business day of "now".</summary>
    DateOnly Today();

    /// <summary>Everything on the dashboard except the score table rows.</summary>
    Task<DashboardSummary> GetSummaryAsync(DashboardRange range, CancellationToken cancellationToken = default);

    /// <summary>One page of the score table, searched and sorted on the server.</summary>
    Task<ScoreTablePage> GetScoresAsync(DashboardRange range, ScoreTableQuery query, CancellationToken cancellationToken = default);
}
