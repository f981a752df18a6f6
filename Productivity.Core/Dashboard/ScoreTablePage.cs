namespace Productivity.Core.Dashboard;

public sealed record ScoreTablePage(IReadOnlyList<ScoreRow> Items, int TotalCount);
