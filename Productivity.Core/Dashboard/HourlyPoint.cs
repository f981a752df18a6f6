namespace Productivity.Core.Dashboard;

/// <summary>
/// One site-local hour of a business day (a day has 23, 24 or 25): items of the activity windows that start in it and
/// the number of people with such a window. <see cref="Label"/> is "HH:00", marked when a daylight-saving change
/// repeats an hour.
/// </summary>
public sealed record HourlyPoint(DateTime StartUtc, string Label, int Items, int ActivePeople);
