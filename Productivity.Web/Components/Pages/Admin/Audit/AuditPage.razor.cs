using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Auditing;
using Productivity.Core.Time;
using Productivity.Infrastructure.Auditing;

namespace Productivity.Web.Components.Pages.Admin.Audit;

/// <summary>Every administrative change, newest first; the filters live in the URL so a view can be shared.</summary>
public partial class AuditPage
{
    private const string AllKinds = "";
    private static readonly string[] Kinds = [AuditKinds.User, AuditKinds.Role, AuditKinds.Mapping, AuditKinds.Employee, AuditKinds.AlertRule];

    private MudDataGrid<AuditEntry>? _grid;
    private string? _person;
    private string _kind = AllKinds;
    private DateTime? _from;
    private DateTime? _to;

    [Inject]
    private IAuditQueries Audit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "person")]
    public string? PersonQuery { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    protected override void OnInitialized()
    {
        _person = PersonQuery;
        _kind = Kinds.Contains(KindQuery) ? KindQuery! : AllKinds;
        _from = ParseDate(FromQuery);
        _to = ParseDate(ToQuery);
    }

    private async Task<GridData<AuditEntry>> LoadAsync(GridState<AuditEntry> state, CancellationToken cancellationToken)
    {
        var query = new AuditQuery(string.IsNullOrWhiteSpace(_person) ? null : _person.Trim(), _kind == AllKinds ? null : _kind,
            Date(_from), Date(_to), state.Page, state.PageSize);
        var page = await Audit.SearchAsync(await ActorAsync(), query, cancellationToken);
        return new GridData<AuditEntry> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task SetFilterAsync(Action set)
    {
        set();
        _kind ??= AllKinds;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["person"] = string.IsNullOrWhiteSpace(_person) ? null : _person.Trim(),
            ["kind"] = _kind == AllKinds ? null : _kind,
            ["from"] = Date(_from)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = Date(_to)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), replace: true);
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private static DateTime? ParseDate(string? text) =>
        SiteClock.TryParseDay(text, out var day) ? day.ToDateTime(TimeOnly.MinValue) : null;

    private static DateOnly? Date(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;
}
