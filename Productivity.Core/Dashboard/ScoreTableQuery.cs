namespace Productivity.Core.Dashboard;

/// <summary>A page request of the score table; <see cref="Search"/> matches name or role, case-insensitively.</summary>
public sealed record ScoreTableQuery(string? Search, ScoreSort SortBy, bool Descending, int Page, int PageSize)
{
    public const int MaxPageSize = 500;
}
