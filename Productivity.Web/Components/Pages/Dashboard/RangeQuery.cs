using Microsoft.AspNetCore.Components;
using Productivity.Core.Dashboard;
using Productivity.Core.Realtime;
using Productivity.Core.Time;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>
/// A page's range in its URL (<c>?range=week</c>, <c>?range=custom&amp;from=…&amp;to=…</c>): the dashboard's and the
/// labour-cost page's, read and written the same way.
/// </summary>
public static class RangeQuery
{
    public static DashboardPreset PresetOf(string? name) => name?.ToLowerInvariant() switch
    {
        "yesterday" => DashboardPreset.Yesterday,
        "week" => DashboardPreset.ThisWeek,
        "month" => DashboardPreset.ThisMonth,
        "custom" => DashboardPreset.Custom,
        _ => DashboardPreset.Today,
    };

    public static string NameOf(DashboardPreset preset) => preset switch
    {
        DashboardPreset.Yesterday => "yesterday",
        DashboardPreset.ThisWeek => "week",
        DashboardPreset.ThisMonth => "month",
        DashboardPreset.Custom => "custom",
        _ => "today",
    };

    // A day the site does not support counts as missing, so the custom range falls back to today.
    public static DateOnly? DayOf(string? text) => SiteClock.TryParseDay(text, out var day) ? day : null;

    /// <summary>The range of the URL's parameters.</summary>
    public static DashboardRange Resolve(string? name, string? from, string? to, DateOnly today) =>
        DashboardRange.Resolve(PresetOf(name), today, DayOf(from), DayOf(to));

    /// <summary>Puts the picker's choice in the URL; the page loads it from its parameters.</summary>
    public static void Navigate(NavigationManager navigation, (DashboardPreset Preset, DashboardRange? Custom) choice)
    {
        var custom = choice.Preset == DashboardPreset.Custom ? choice.Custom : null;
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["range"] = choice.Preset == DashboardPreset.Today ? null : NameOf(choice.Preset),
            ["from"] = custom is { } from ? DashboardFormat.Iso(from.From) : null,
            ["to"] = custom is { } to ? DashboardFormat.Iso(to.To) : null,
        }));
    }

    /// <summary>
    /// An update matters to a page showing <paramref name="range"/> when it names a shown day (or the day before: a night
    /// shift), or "today" has moved on under a preset.
    /// </summary>
    public static bool Affects(ScoresUpdated update, DashboardPreset preset, DashboardRange range, DateOnly today) =>
        update.TouchesAny(range.From.AddDays(-1), range.To)
        || (preset != DashboardPreset.Custom && DashboardRange.Resolve(preset, today) != range);
}
