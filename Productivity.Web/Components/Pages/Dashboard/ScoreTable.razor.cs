using Productivity.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Dashboard;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>
/// The score table: one page at a time from the page's loader, searched, sorted and paged on the server. Renders only
/// when what it shows changed (the page re-renders after every score update and hands it the same range).
/// </summary>
public sealed partial class ScoreTable : IDisposable
{
    /// <summary>How long typing pauses before the search runs.</summary>
    public static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    private static readonly int[] PageSizes = [10, 25, 50, 100];
    private static readonly ScoreTableQuery FirstQuery = new(null, ScoreSort.Points, true, 0, 25);

    private static readonly ScoreColumn[] DayColumns =
    [
        new ScoreColumn("Employee", ScoreSort.Name, null),
        new ScoreColumn("Role", ScoreSort.PrimaryRole, r => r.PrimaryRole, NoWrap: true),
        new ScoreColumn("Items", ScoreSort.Items, r => DashboardFormat.Count(r.Items)),
        new ScoreColumn("Points", ScoreSort.Points, r => DashboardFormat.Points(r.Points)),
        new ScoreColumn("Clocked", ScoreSort.Clocked, r => DashboardFormat.Duration(r.ClockedMinutes)),
        new ScoreColumn("Active", ScoreSort.Active, r => DashboardFormat.Duration(r.ActiveMinutes)),
        new ScoreColumn("Utilization", ScoreSort.Utilization, r => Percent.Of(r.Utilization)),
        new ScoreColumn("Performance", ScoreSort.Performance, r => Percent.Of(r.Performance)),
    ];

    private static readonly ScoreColumn[] RangeColumns =
    [
        .. DayColumns,
        new ScoreColumn("Days", ScoreSort.DaysWorked, r => DashboardFormat.Count(r.DaysWorked)),
        new ScoreColumn("Items/day", ScoreSort.AverageItemsPerDay, r => DashboardFormat.Rate(r.AverageItemsPerDay)),
        new ScoreColumn("Best day", null, r => $"{DashboardFormat.Day(r.BestDay)} ({DashboardFormat.Count(r.BestDayItems)})", NoWrap: true),
    ];

    private static readonly MarkupString SearchIcon = new(Icons.Material.Filled.Search);
    private static readonly MarkupString FirstIcon = new(Icons.Material.Filled.FirstPage);
    private static readonly MarkupString PreviousIcon = new(Icons.Material.Filled.NavigateBefore);
    private static readonly MarkupString NextIcon = new(Icons.Material.Filled.NavigateNext);
    private static readonly MarkupString LastIcon = new(Icons.Material.Filled.LastPage);
    private const string PagerButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-flip-x-rtl";

    private readonly CancellationTokenSource _disposed = new();
    private ScoreTableQuery _query = FirstQuery;
    private DashboardRange? _loadedRange;
    private ScoreTablePage? _shown;
    private Dictionary<ScoreRow, MarkupString> _rowMarkup = [];
    private DashboardRange? _rowMarkupRange;
    private string? _error;
    private int _loads;
    private CancellationTokenSource? _typing;
    private (DashboardRange, ScoreTableQuery, ScoreTablePage?, string?)? _rendered;

    [Parameter, EditorRequired]
    public required DashboardRange Range { get; set; }

    [Parameter, EditorRequired]
    public required Func<ScoreTableQuery, CancellationToken, Task<ScoreTablePage>> LoadPage { get; set; }

    [Inject]
    private ILogger<ScoreTable> Logger { get; set; } = default!;

    private ScoreColumn[] Columns => Range.IsSingleDay ? DayColumns : RangeColumns;

    private int LastPage => _shown is { TotalCount: > 0 } shown ? (shown.TotalCount - 1) / _query.PageSize : 0;

    private string PageInfo => _shown is not { TotalCount: > 0 } shown
        ? "0 of 0"
        : $"{DashboardFormat.Count(_query.Page * _query.PageSize + 1)}-{DashboardFormat.Count(Math.Min(shown.TotalCount, (_query.Page + 1) * _query.PageSize))} of {DashboardFormat.Count(shown.TotalCount)}";

    /// <summary>
    /// After a score update: reads the shown page again and renders only if it changed. Most updates touch people who
    /// are not on the shown page, and a render re-sends the table to the browser.
    /// </summary>
    public Task RefreshAsync() => ShowAsync(_query, onlyIfChanged: true);

    public void Dispose()
    {
        _disposed.Cancel();
        _typing?.Cancel();
    }

    protected override bool ShouldRender() => _rendered != (Range, _query, _shown, _error);

    protected override void OnAfterRender(bool firstRender) => _rendered = (Range, _query, _shown, _error);

    protected override Task OnParametersSetAsync()
    {
        if (Range == _loadedRange)
        {
            return Task.CompletedTask;
        }
        _loadedRange = Range;
        // A range without the range-only columns cannot stay sorted by one of them.
        var sort = Columns.Any(c => c.Sort == _query.SortBy) ? _query.SortBy : FirstQuery.SortBy;
        return ShowAsync(_query with { SortBy = sort, Page = 0 });
    }

    private async Task ShowAsync(ScoreTableQuery query, bool onlyIfChanged = false)
    {
        _query = query;
        var load = ++_loads;
        ScoreTablePage page;
        try
        {
            page = await LoadPage(query, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && load == _loads)
        {
            Logger.LogError(ex, "The scores for {From}..{To} could not be loaded.", Range.From, Range.To);
            _error = "The scores could not be loaded; they will be read again with the next update.";
            StateHasChanged();
            return;
        }
        // A later sort, search or page asked in the meantime: its answer wins.
        if (load != _loads || (onlyIfChanged && _error is null && _shown is { } shown
                               && shown.TotalCount == page.TotalCount && shown.Items.SequenceEqual(page.Items)))
        {
            return;
        }
        (_shown, _error) = (page, null);
        RememberRowMarkup(page);
        StateHasChanged();
    }

    // An unchanged row keeps its markup string, so the previous render tree and the new one share it.
    private void RememberRowMarkup(ScoreTablePage page)
    {
        var known = _rowMarkupRange == Range ? _rowMarkup : [];
        var day = Range.IsSingleDay ? Range.From : (DateOnly?)null;
        _rowMarkup = page.Items.Distinct().ToDictionary(row => row, row => known.TryGetValue(row, out var html) ? html : ScoreRowMarkup.Of(row, Columns, day));
        _rowMarkupRange = Range;
    }

    private Task SortAsync(ScoreSort sort) => ShowAsync(_query with
    {
        SortBy = sort,
        // The same column flips; a new one starts with its natural order: names A–Z, numbers highest first.
        Descending = sort == _query.SortBy ? !_query.Descending : sort is not (ScoreSort.Name or ScoreSort.PrimaryRole),
        Page = 0,
    });

    private Task GoToAsync(int page) => ShowAsync(_query with { Page = Math.Clamp(page, 0, LastPage) });

    private Task OnPageSizeChangedAsync(ChangeEventArgs e) =>
        int.TryParse(e.Value as string, out var size) && PageSizes.Contains(size)
            ? ShowAsync(_query with { PageSize = size, Page = 0 })
            : Task.CompletedTask;

    private async Task OnSearchInputAsync(ChangeEventArgs e)
    {
        _typing?.Cancel();
        _typing = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        try
        {
            await Task.Delay(SearchDelay, _typing.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var search = (e.Value as string)?.Trim();
        var query = _query with { Search = string.IsNullOrEmpty(search) ? null : search, Page = 0 };
        if (query.Search != _query.Search)
        {
            await ShowAsync(query);
        }
    }

    private string? AriaSort(ScoreColumn column) =>
        column.Sort is not { } sort ? null : sort != _query.SortBy ? "none" : _query.Descending ? "descending" : "ascending";
}
