using Productivity.Core.Dashboard;

namespace Productivity.Tests.Core.Dashboard;

public sealed class DashboardRangeTests
{
    private static readonly DateOnly Wednesday = new(2025, 12, 10);

    [Theory]
    [InlineData(DashboardPreset.Today, "2025-12-10", "2025-12-10")]
    [InlineData(DashboardPreset.Yesterday, "2025-12-09", "2025-12-09")]
    [InlineData(DashboardPreset.ThisWeek, "2025-12-08", "2025-12-10")]
    [InlineData(DashboardPreset.ThisMonth, "2025-12-01", "2025-12-10")]
    public void Resolve_Preset_GivesTheBusinessDays(DashboardPreset preset, string from, string to)
    {
        var range = DashboardRange.Resolve(preset, Wednesday);

        range.ShouldBe(new DashboardRange(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Theory]
    [InlineData("2025-12-08", "2025-12-08")]
    [InlineData("2025-12-14", "2025-12-08")]
    [InlineData("2025-12-15", "2025-12-15")]
    public void Resolve_ThisWeek_StartsOnMonday(string today, string monday)
    {
        var range = DashboardRange.Resolve(DashboardPreset.ThisWeek, DateOnly.Parse(today));

        range.From.ShouldBe(DateOnly.Parse(monday));
        range.From.DayOfWeek.ShouldBe(DayOfWeek.Monday);
    }

    [Fact]
    public void Resolve_ThisWeekAcrossTheFallBackChange_IsSevenCalendarDays()
    {
        var sunday = new DateOnly(2025, 11, 2);

        var range = DashboardRange.Resolve(DashboardPreset.ThisWeek, sunday);

        range.ShouldBe(new DashboardRange(new DateOnly(2025, 10, 27), sunday));
        range.Days.ShouldBe(7);
    }

    [Fact]
    public void Resolve_CustomRange_KeepsTheDates()
    {
        var range = DashboardRange.Resolve(DashboardPreset.Custom, Wednesday, new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 9));

        range.ShouldBe(new DashboardRange(new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 9)));
    }

    [Theory]
    [InlineData(null, "2025-11-09")]
    [InlineData("2025-11-09", null)]
    [InlineData("2025-11-09", "2025-11-03")]
    public void Resolve_CustomWithoutAValidRange_FallsBackToToday(string? from, string? to)
    {
        var range = DashboardRange.Resolve(DashboardPreset.Custom, Wednesday,
            from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));

        range.ShouldBe(new DashboardRange(Wednesday, Wednesday));
    }

    [Fact]
    public void Resolve_CustomLongerThanTheMaximum_IsCut()
    {
        var range = DashboardRange.Resolve(DashboardPreset.Custom, Wednesday, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        range.Days.ShouldBe(DashboardRange.MaxDays);
        range.Problem().ShouldBeNull();
    }

    [Fact]
    public void Problem_ReversedOrTooLong_SaysWhy()
    {
        new DashboardRange(Wednesday, Wednesday.AddDays(-1)).Problem().ShouldNotBeNull();
        new DashboardRange(Wednesday, Wednesday.AddDays(DashboardRange.MaxDays)).Problem().ShouldNotBeNull();
        new DashboardRange(Wednesday, Wednesday.AddDays(DashboardRange.MaxDays - 1)).Problem().ShouldBeNull();
    }
}
