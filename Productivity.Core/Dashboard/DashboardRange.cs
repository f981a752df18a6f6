namespace Productivity.Core.Dashboard;

/// <summary>An inclusive range of site-local business days, the unit every dashboard read model is built for.</summary>
public readonly record struct DashboardRange(DateOnly From, DateOnly To)
{
    /// <summary>The longest range a dashboard or export may ask for, in days (about a quarter).</summary>
    public const int MaxDays = 93;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool IsSingleDay => From == To;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>
    /// The business days of a preset, given today's site-local date. Weeks start on Monday. A custom range needs both
    /// dates; when they are missing or reversed it falls back to today, and it is cut to <see cref="MaxDays"/>.
    /// </summary>
    public static DashboardRange Resolve(DashboardPreset preset, DateOnly today, DateOnly? from = null, DateOnly? to = null) => preset switch
    {
        DashboardPreset.Yesterday => new(today.AddDays(-1), today.AddDays(-1)),
        DashboardPreset.ThisWeek => new(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
        DashboardPreset.ThisMonth => new(new DateOnly(today.Year, today.Month, 1), today),
        DashboardPreset.Custom when from is { } start && to is { } end && start <= end =>
            new(start, end.DayNumber - start.DayNumber >= MaxDays ? start.AddDays(MaxDays - 1) : end),
        _ => new(today, today),
    };

    /// <summary>Null when the range is valid, otherwise why not (for an export request or a hand-edited URL).</summary>
    public string? Problem() =>
        From > To ? "'from' must not be after 'to'."
        : Days > MaxDays ? $"A range may span at most {MaxDays} days."
        : null;
}
