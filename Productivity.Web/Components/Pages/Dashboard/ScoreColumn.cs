using Productivity.Core.Dashboard;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>A column of the score table.</summary>
/// <param name="Sort">The server-side order it sorts by, or null when it cannot be sorted.</param>
/// <param name="Text">The cell's text (null for the name column, which links to the employee's day).</param>
public sealed record ScoreColumn(string Title, ScoreSort? Sort, Func<ScoreRow, string?>? Text, bool NoWrap = false)
{
    public string? SortTestId { get; } = Sort is { } sort ? $"sort-{sort.ToString().ToLowerInvariant()}" : null;
}
