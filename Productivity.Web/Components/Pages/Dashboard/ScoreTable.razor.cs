using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Dashboard;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>The score table: MudDataGrid asking the page's loader for one page at a time (search, sort and paging on the server).</summary>
public partial class ScoreTable
{
    private MudDataGrid<ScoreRow>? _grid;
    private string? _search;
    private DashboardRange _loadedRange;
    private DashboardRange? _renderedRange;
    private ScoreTableQuery? _shownQuery;
    private ScoreTablePage? _shown;

    [Parameter, EditorRequired]
    public required DashboardRange Range { get; set; }

    [Parameter, EditorRequired]
    public required Func<ScoreTableQuery, CancellationToken, Task<ScoreTablePage>> LoadPage { get; set; }

    /// <summary>Reads the current page again (after an update or a range change), keeping search, sort and page.</summary>
    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    /// <summary>
    /// After a score update: reloads the grid only when the page it shows would change. Most updates touch people who
    /// are not on the shown page, and reloading re-renders the whole grid (header, rows, pager) on every open dashboard.
    /// </summary>
    public async Task RefreshAsync()
    {
        if (_shownQuery is { } query && _shown is { } shown && Range == _loadedRange)
        {
            var page = await LoadPage(query, CancellationToken.None);
            if (page.TotalCount == shown.TotalCount && page.Items.SequenceEqual(shown.Items))
            {
                return;
            }
        }
        await ReloadAsync();
    }

    // The page re-renders after every score update and hands the table the same range again; the grid reloads its own
    // rows (ReloadAsync), so rendering the table once more would only re-render the whole grid a second time.
    protected override bool ShouldRender() => _renderedRange != Range;

    protected override void OnAfterRender(bool firstRender) => _renderedRange = Range;

    protected override async Task OnParametersSetAsync()
    {
        if (_grid is not null && Range != _loadedRange)
        {
            await ReloadAsync();
        }
    }

    private async Task<GridData<ScoreRow>> LoadAsync(GridState<ScoreRow> state, CancellationToken cancellationToken)
    {
        _loadedRange = Range;
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new ScoreTableQuery(_search, SortOf(sort?.SortBy), sort?.Descending ?? true, state.Page, state.PageSize);
        var page = await LoadPage(query, cancellationToken);
        (_shownQuery, _shown) = (query, page);
        return new GridData<ScoreRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    private string DayLink(ScoreRow row) =>
        $"/employees/{row.EmployeeId}/days/{DashboardFormat.Iso(Range.IsSingleDay ? Range.From : row.LastDay)}";

    /// <summary>
    /// The columns' property expressions, created once: a lambda written in the markup is a new expression tree on
    /// every render, and PropertyColumn compiles each new one — half the CPU of a live update's re-render.
    /// </summary>
    private static class Columns
    {
        public static readonly Expression<Func<ScoreRow, string>> Name = r => r.Name;

        public static readonly Expression<Func<ScoreRow, string?>> PrimaryRole = r => r.PrimaryRole;

        public static readonly Expression<Func<ScoreRow, int>> Items = r => r.Items;

        public static readonly Expression<Func<ScoreRow, double>> Points = r => r.Points;

        public static readonly Expression<Func<ScoreRow, double>> ClockedMinutes = r => r.ClockedMinutes;

        public static readonly Expression<Func<ScoreRow, double>> ActiveMinutes = r => r.ActiveMinutes;

        public static readonly Expression<Func<ScoreRow, double>> Utilization = r => r.Utilization;

        public static readonly Expression<Func<ScoreRow, double?>> Performance = r => r.Performance;

        public static readonly Expression<Func<ScoreRow, int>> DaysWorked = r => r.DaysWorked;

        public static readonly Expression<Func<ScoreRow, double>> AverageItemsPerDay = r => r.AverageItemsPerDay;

        public static readonly Expression<Func<ScoreRow, int>> BestDayItems = r => r.BestDayItems;
    }

    private static ScoreSort SortOf(string? column) => column switch
    {
        nameof(ScoreRow.Name) => ScoreSort.Name,
        nameof(ScoreRow.PrimaryRole) => ScoreSort.PrimaryRole,
        nameof(ScoreRow.Items) => ScoreSort.Items,
        nameof(ScoreRow.ClockedMinutes) => ScoreSort.Clocked,
        nameof(ScoreRow.ActiveMinutes) => ScoreSort.Active,
        nameof(ScoreRow.Utilization) => ScoreSort.Utilization,
        nameof(ScoreRow.Performance) => ScoreSort.Performance,
        nameof(ScoreRow.DaysWorked) => ScoreSort.DaysWorked,
        nameof(ScoreRow.AverageItemsPerDay) => ScoreSort.AverageItemsPerDay,
        _ => ScoreSort.Points,
    };
}
