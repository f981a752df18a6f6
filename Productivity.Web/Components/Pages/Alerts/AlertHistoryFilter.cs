using Productivity.Core.Alerts;
using Productivity.Infrastructure.Alerts;

namespace Productivity.Web.Components.Pages.Alerts;

/// <summary>What the history page shows: the filters as the user set them (dates as the date pickers hold them).</summary>
public sealed record AlertHistoryFilter(
    AlertKind? Kind = null,
    AlertStateFilter State = AlertStateFilter.Any,
    int? EmployeeId = null,
    string? EmployeeName = null,
    DateTime? From = null,
    DateTime? To = null)
{
    public AlertHistoryQuery ToQuery(int page, int pageSize) =>
        new(Kind, State, EmployeeId, Date(From), Date(To), page, pageSize);

    public static DateOnly? Date(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;
}
