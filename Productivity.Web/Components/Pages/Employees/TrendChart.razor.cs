using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.EmployeeDays;

namespace Productivity.Web.Components.Pages.Employees;

/// <summary>The employee's daily values over the last 7, 30 or 90 days against the team median of each day.</summary>
public sealed partial class TrendChart
{
    private int _days = 30;
    private TrendMetric _metric = TrendMetric.Utilization;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private string _summary = "";
    private readonly ChartOptions _options = new() { ShowLegend = true };

    [Parameter, EditorRequired]
    public required IReadOnlyList<TrendDay> Trend { get; set; }

    protected override void OnParametersSet() => Build();

    private void SetDays(int days)
    {
        _days = days;
        Build();
    }

    private void SetMetric(TrendMetric metric)
    {
        _metric = metric;
        Build();
    }

    private void Build()
    {
        var days = Trend.Skip(Math.Max(0, Trend.Count - _days)).ToList();
        var labelEvery = days.Count > 31 ? 7 : days.Count > 10 ? 3 : 1;
        _labels = days.Select((d, i) => (days.Count - 1 - i) % labelEvery == 0 ? d.Day.ToString("MM-dd", CultureInfo.InvariantCulture) : "").ToArray();
        var own = days.Select(d => Value(d.Employee)).ToList();
        var team = days.Select(d => Value(d.TeamMedian)).ToList();
        _series =
        [
            new ChartSeries<double> { Name = "This employee", Data = new ChartData<double>(own) },
            new ChartSeries<double> { Name = "Team median", Data = new ChartData<double>(team) },
        ];
        var ownDays = own.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        var teamDays = team.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        _summary = ownDays.Count == 0
            ? $"No scored day for this employee in the last {_days} days."
            : string.Create(CultureInfo.InvariantCulture,
                $"Average over {ownDays.Count} scored days: {ownDays.Average():0.##}; team median average {(teamDays.Count == 0 ? 0 : teamDays.Average()):0.##}.");
    }

    private double? Value(TrendValues? values) => values is null
        ? null
        : _metric switch
        {
            TrendMetric.Items => values.Items,
            TrendMetric.Points => values.Points,
            TrendMetric.Utilization => values.Utilization * 100,
            _ => values.Performance * 100,
        };
}
