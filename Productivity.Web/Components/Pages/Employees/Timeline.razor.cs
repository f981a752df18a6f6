using System.Globalization;
using Microsoft.AspNetCore.Components;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Time;

namespace Productivity.Web.Components.Pages.Employees;

/// <summary>
/// The day on a site-local time axis: clock sessions with their breaks, activity windows coloured by action (those
/// outside any session highlighted) and idle periods. Positions are fractions of the UTC span, so a daylight-saving
/// change shows as a repeated or missing hour label, never as a distorted bar.
/// </summary>
public sealed partial class Timeline
{
    private static readonly string[] Palette =
        ["#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#3949ab", "#c0ca33", "#d81b60", "#546e7a"];

    private List<string> _actions = [];
    private List<(DateTime At, string Label)> _ticks = [];
    private DateTime _start;
    private DateTime _end;

    [Parameter, EditorRequired]
    public required EmployeeDayReport Report { get; set; }

    [Parameter, EditorRequired]
    public required SiteClock Clock { get; set; }

    private IReadOnlyList<IdlePeriod> IdlePeriods => Report.Recomputed?.IdlePeriods ?? [];

    protected override void OnParametersSet()
    {
        _actions = Report.Windows.Select(w => w.Action).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var instants = Report.Sessions.SelectMany(s => new[] { s.ClockInUtc, s.EndUtc })
            .Concat(Report.Windows.SelectMany(w => new[] { w.StartUtc, w.EndUtc }))
            .ToList();
        _ticks = [];
        if (instants.Count == 0)
        {
            return;
        }
        _start = FloorToLocalHour(instants.Min());
        _end = FloorToLocalHour(instants.Max());
        if (_end < instants.Max())
        {
            _end = _end.AddHours(1);
        }
        var step = (_end - _start).TotalHours > 16 ? 2 : 1;
        for (var at = _start; at <= _end; at = at.AddHours(step))
        {
            _ticks.Add((at, DayFormat.Time(Clock, at, Report.Day)));
        }
    }

    private DateTime FloorToLocalHour(DateTime utc)
    {
        var local = Clock.ToLocal(utc);
        return utc - new TimeSpan(0, local.Minute, local.Second) - TimeSpan.FromTicks(local.Ticks % TimeSpan.TicksPerSecond);
    }

    private string Percent(DateTime utc) =>
        ((utc - _start).Ticks * 100.0 / Math.Max(1, (_end - _start).Ticks)).ToString("0.###", CultureInfo.InvariantCulture);

    private string Place(DateTime startUtc, DateTime endUtc)
    {
        var width = (endUtc - startUtc).Ticks * 100.0 / Math.Max(1, (_end - _start).Ticks);
        return string.Create(CultureInfo.InvariantCulture, $"left:{Percent(startUtc)}%;width:{Math.Max(0.15, width):0.###}%;");
    }

    private string ColorOf(string action) => Palette[Math.Max(0, _actions.IndexOf(action)) % Palette.Length];

    private string Span(DateTime startUtc, DateTime endUtc) => DayFormat.Span(Clock, startUtc, endUtc, Report.Day);

    private string SessionTitle(ClockSession session) =>
        $"Clock session {Span(session.ClockInUtc, session.EndUtc)}"
        + (session.ClockOutUtc is null ? (session.IsCapped ? " (open, capped: forgotten clock-out?)" : " (still clocked in)") : "");

    private string BreakTitle(ClockBreak pause) => pause.IsOpen
        ? $"On {pause.Name ?? "break"} since {DayFormat.Time(Clock, pause.StartUtc, Report.Day)}"
        : $"{pause.Name ?? "Break"} {Span(pause.StartUtc, pause.EndUtc)}";

    private string WindowTitle(ActivityWindow window) =>
        $"{window.Action} {Span(window.StartUtc, window.EndUtc)}: {window.Items} items"
        + (window.IsUnclocked ? " (outside any clock session)" : "");
}
