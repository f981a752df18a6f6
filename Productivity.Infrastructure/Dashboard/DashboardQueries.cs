using Productivity.Core.Dashboard;
using Productivity.Core.Time;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// The dashboard's read side: a range's model comes from the cache, or is built once per node however many circuits
/// ask for it at the same moment (after an update every open dashboard reloads together). The score table is searched,
/// sorted and paged here, on the server, from the cached rows.
/// </summary>
public sealed class DashboardQueries(DashboardBuilder builder, DashboardCache cache, SiteClock siteClock,
    TimeProvider timeProvider) : IDashboardQueries
{
    public DateOnly Today() => siteClock.BusinessDayOf(timeProvider.GetUtcNow().UtcDateTime);

    public async Task<DashboardSummary> GetSummaryAsync(DashboardRange range, CancellationToken cancellationToken = default) =>
        (await GetModelAsync(range, cancellationToken)).Summary;

    public async Task<ScoreTablePage> GetScoresAsync(DashboardRange range, ScoreTableQuery query, CancellationToken cancellationToken = default)
    {
        var rows = (await GetModelAsync(range, cancellationToken)).Rows;
        var search = query.Search?.Trim();
        var matching = string.IsNullOrEmpty(search)
            ? rows
            : rows.Where(r => r.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || (r.PrimaryRole?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)).ToList();
        var pageSize = Math.Clamp(query.PageSize, 1, ScoreTableQuery.MaxPageSize);
        var page = Sort(matching, query.SortBy, query.Descending)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.EmployeeId)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .ToList();
        return new ScoreTablePage(page, matching.Count);
    }

    /// <summary>The whole read model of a range (the benchmark and the tests time and inspect it).</summary>
    public async Task<DashboardReadModel> GetModelAsync(DashboardRange range, CancellationToken cancellationToken = default)
    {
        if (range.Problem() is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, problem);
        }
        return await cache.GetOrBuildAsync("model", range, ct => builder.BuildAsync(range, ct), cancellationToken);
    }

    private static IOrderedEnumerable<ScoreRow> Sort(IEnumerable<ScoreRow> rows, ScoreSort sortBy, bool descending) => sortBy switch
    {
        ScoreSort.Name => Order(rows, r => r.Name, descending, StringComparer.OrdinalIgnoreCase),
        ScoreSort.PrimaryRole => Order(rows, r => r.PrimaryRole ?? "", descending, StringComparer.OrdinalIgnoreCase),
        ScoreSort.Items => Order(rows, r => r.Items, descending),
        ScoreSort.Clocked => Order(rows, r => r.ClockedMinutes, descending),
        ScoreSort.Active => Order(rows, r => r.ActiveMinutes, descending),
        ScoreSort.Utilization => Order(rows, r => r.Utilization, descending),
        // Rows without performance (no active time) sort below every number in both directions.
        ScoreSort.Performance => descending
            ? rows.OrderByDescending(r => r.Performance ?? double.MinValue)
            : rows.OrderBy(r => r.Performance is null).ThenBy(r => r.Performance),
        ScoreSort.DaysWorked => Order(rows, r => r.DaysWorked, descending),
        ScoreSort.AverageItemsPerDay => Order(rows, r => r.AverageItemsPerDay, descending),
        _ => Order(rows, r => r.Points, descending),
    };

    private static IOrderedEnumerable<ScoreRow> Order<TKey>(IEnumerable<ScoreRow> rows, Func<ScoreRow, TKey> key, bool descending,
        IComparer<TKey>? comparer = null) =>
        descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
