using Productivity.Core.Dashboard;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>What one cache entry holds for a range: the summary and every score row (the table pages from it).</summary>
public sealed record DashboardReadModel(DashboardSummary Summary, IReadOnlyList<ScoreRow> Rows);
