namespace Productivity.Core.Reports;

/// <summary>The scheduled summaries: the day before, every day; the week before (Monday to Sunday), every Monday.</summary>
public enum SummaryKind
{
    Daily,
    Weekly,
}
