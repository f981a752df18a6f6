namespace Productivity.Core.Dashboard;

/// <summary>
/// One site-local hour of a business day (a day has 23, 24 or 25, and more when a night shift runs on past midnight):
/// items of the day's activity windows that start in it and the number of people with such a window, so the hours add
/// up to the day's items. <see cref="Label"/> is "HH:00", "HH:00 +1d" after midnight, and "(2nd)" marks the hour a
/// fall-back change repeats.
/// </summary>
public sealed record HourlyPoint(DateTime StartUtc, string Label, int Items, int ActivePeople);
