using Productivity.Core.Scoring;
using static Productivity.Tests.Core.Scoring.ScoringTestData;

namespace Productivity.Tests.Core.Scoring;

public sealed class ScoreCalculatorTests
{
    private static readonly DateTime DayOver = At(23, 0);

    [Fact]
    public void Calculate_BreakPastClockOut_ClipsBreakToSession()
    {
        var shift = Shift("s1", At(7, 0), At(15, 0), new ScoringBreak(At(14, 45), At(15, 30)));
        var windows = WindowRun(1, "In Production", 7, At(7, 0), 46);

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.ClockedMinutes.ShouldBe(465);
        score.ActiveMinutes.ShouldBe(465);
        score.IdlePeriods.ShouldBeEmpty();
    }

    [Fact]
    public void Calculate_OpenBreak_EndsAtNow()
    {
        var shift = Shift("s1", At(7, 0), null, new ScoringBreak(At(12, 0), null));

        var score = Calculator.Calculate([shift], [], At(12, 30)).ShouldHaveSingleItem();

        score.ClockedMinutes.ShouldBe(300);
    }

    [Fact]
    public void Calculate_OverlappingWindowsOfTwoActions_CursorFollowsLatestEnd()
    {
        var shift = Shift("s1", At(8, 0), At(9, 0));
        ScoringWindow[] windows =
        [
            Window(1, "Picking", 40, At(8, 0)),
            Window(2, "Labeling", 10, At(8, 5)),
            Window(3, "Picking", 20, At(8, 40)),
        ];

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.Items.ShouldBe(70);
        score.Points.ShouldBe(21);
        score.StandardMinutes.ShouldBe(21);
        score.ActiveMinutes.ShouldBe(38.15);
        score.IdleMinutes.ShouldBe(21.85);
        score.Performance.ShouldBe(0.5505);
        score.PrimaryRole.ShouldBe("Picker");
        score.IdlePeriods.ShouldBe(
        [
            new IdlePeriod("s1", At(8, 15), At(8, 40), 21.85, 25, 3.15, IdleRule.AfterWindow, 2, "Labeling", 10),
        ]);
    }

    [Fact]
    public void Calculate_WindowInsideEarlierWindow_KeepsCursorAndThresholdOfEarlierWindow()
    {
        var shift = Shift("s1", At(8, 0), At(9, 0));
        ScoringWindow[] windows =
        [
            Window(1, "In Production", 5, At(8, 0), 20),
            Window(2, "Picking", 1, At(8, 5), 5),
            Window(3, "In Production", 5, At(8, 40), 20),
        ];

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.IdlePeriods.ShouldBe(
        [
            new IdlePeriod("s1", At(8, 20), At(8, 40), 10, 20, 10, IdleRule.AfterWindow, 1, "In Production", 5),
        ]);
    }

    [Fact]
    public void Calculate_EqualStartAndEnd_OrdersByRowId()
    {
        var shift = Shift("s1", At(8, 0), At(9, 0));
        ScoringWindow[] windows =
        [
            Window(9, "In Production", 5, At(8, 0)),
            Window(4, "Picking", 1, At(8, 0)),
            Window(10, "Picking", 1, At(8, 30)),
        ];

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.IdlePeriods[0].WindowId.ShouldBe(9);
        score.IdlePeriods[0].AllowanceMinutes.ShouldBe(10);
    }

    [Fact]
    public void Calculate_ShiftEditedAfterScoring_RecomputesFromEditedShift()
    {
        var windows = WindowRun(1, "In Production", 7, At(7, 0), 48);
        var original = Calculator.Calculate([Shift("s1", At(7, 0), At(15, 0))], windows, DayOver).ShouldHaveSingleItem();

        var edited = Calculator.Calculate([Shift("s1", At(7, 0), At(17, 0))], windows, DayOver).ShouldHaveSingleItem();

        original.ClockedMinutes.ShouldBe(480);
        original.ActiveMinutes.ShouldBe(480);
        edited.ClockedMinutes.ShouldBe(600);
        edited.ActiveMinutes.ShouldBe(505);
        edited.IdlePeriods.ShouldBe(
        [
            new IdlePeriod("s1", At(15, 0), At(17, 0), 95, 120, 25, IdleRule.EndAllowance, 48, "In Production", 7),
        ]);
    }

    [Fact]
    public void Calculate_OpenShiftPastCap_CapsAtSixteenHoursAndFlags()
    {
        var shift = Shift("s1", At(6, 0), null);

        var score = Calculator.Calculate([shift], [], At(6, 0).AddHours(26)).ShouldHaveSingleItem();

        score.ClockedMinutes.ShouldBe(960);
        score.OpenCapped.ShouldBe(1);
        score.Flags.ShouldContain(new DataQualityFlag(DataQualityIssue.OpenShiftCapped, "s1", 0, At(6, 0), At(22, 0)));
    }

    [Fact]
    public void Calculate_OpenShiftBelowCap_EndsAtNowWithoutCleanup()
    {
        var shift = Shift("s1", At(6, 0), null);
        var windows = WindowRun(1, "In Production", 7, At(6, 0), 6);

        var score = Calculator.Calculate([shift], windows, At(7, 30)).ShouldHaveSingleItem();

        score.ClockedMinutes.ShouldBe(90);
        score.ActiveMinutes.ShouldBe(70);
        score.OpenCapped.ShouldBe(0);
        score.IdlePeriods.ShouldHaveSingleItem().Rule.ShouldBe(IdleRule.EndAllowance);
    }

    [Fact]
    public void Calculate_UnknownAction_CountsItemsWithoutPointsAndFlags()
    {
        var shift = Shift("s1", At(7, 0), At(8, 0));
        var windows = WindowRun(1, "Mystery", 12, At(7, 0), 6);

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.Items.ShouldBe(72);
        score.Points.ShouldBe(0);
        score.StandardMinutes.ShouldBe(0);
        score.ActiveMinutes.ShouldBe(60);
        score.Performance.ShouldBe(0);
        score.PrimaryRole.ShouldBeNull();
        score.Flags.ShouldBe([new DataQualityFlag(DataQualityIssue.UnknownAction, "Mystery", 72, At(7, 0), At(8, 0))]);
    }

    [Fact]
    public void Calculate_UnknownActionWithMostItems_IsNotPrimaryRole()
    {
        var shift = Shift("s1", At(7, 0), At(8, 0));
        List<ScoringWindow> windows = [.. WindowRun(1, "Mystery", 50, At(7, 0), 5), Window(9, "Labeling", 1, At(7, 50))];

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.PrimaryRole.ShouldBe("Labeler");
    }

    [Fact]
    public void Calculate_UnknownActionGap_UsesTenMinuteThreshold()
    {
        var shift = Shift("s1", At(7, 0), At(8, 0));
        ScoringWindow[] windows = [Window(1, "Mystery", 1, At(7, 0)), Window(2, "Mystery", 1, At(7, 30)), Window(3, "Mystery", 1, At(7, 50))];

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.IdlePeriods.ShouldBe(
        [
            new IdlePeriod("s1", At(7, 10), At(7, 30), 10, 20, 10, IdleRule.AfterWindow, 1, "Mystery", 1),
        ]);
    }

    [Fact]
    public void Calculate_PrimaryRoleTie_PicksRoleNameAscending()
    {
        var shift = Shift("s1", At(7, 0), At(8, 0));
        ScoringWindow[] windows = [Window(1, "Picking", 30, At(7, 0)), Window(2, "Labeling", 30, At(7, 10))];

        var score = Calculator.Calculate([shift], windows, DayOver).ShouldHaveSingleItem();

        score.PrimaryRole.ShouldBe("Labeler");
    }

    [Fact]
    public void Calculate_ShiftWithNoProduction_WholeSessionIsOneIdlePeriod()
    {
        var shift = Shift("s1", At(7, 0), At(11, 0));

        var score = Calculator.Calculate([shift], [], DayOver).ShouldHaveSingleItem();

        score.ClockedMinutes.ShouldBe(240);
        score.ActiveMinutes.ShouldBe(0);
        score.IdleMinutes.ShouldBe(240);
        score.Utilization.ShouldBe(0);
        score.Performance.ShouldBeNull();
        score.PrimaryRole.ShouldBeNull();
        score.IdlePeriods.ShouldBe([new IdlePeriod("s1", At(7, 0), At(11, 0), 240, 240, 0, IdleRule.NoProduction, null, null, null)]);
        score.Flags.ShouldBe([new DataQualityFlag(DataQualityIssue.ShiftWithoutProduction, "s1", 0, At(7, 0), At(11, 0))]);
    }

    [Fact]
    public void Calculate_ShiftStartingAfterNow_IsIgnored()
    {
        ScoringShift[] shifts = [Shift("past", At(7, 0), At(8, 0)), Shift("future", At(11, 0), At(15, 0))];

        var score = Calculator.Calculate(shifts, [], At(10, 0)).ShouldHaveSingleItem();

        score.Sessions.ShouldBe(1);
        score.ClockedMinutes.ShouldBe(60);
    }

    [Fact]
    public void Calculate_OnlyFutureShift_ReturnsNoRow()
    {
        var scores = Calculator.Calculate([Shift("future", At(11, 0), null)], [], At(10, 0));

        scores.ShouldBeEmpty();
    }

    [Fact]
    public void Calculate_ClockOutNotAfterClockIn_IsIgnored()
    {
        var scores = Calculator.Calculate([Shift("bad", At(9, 0), At(9, 0)), Shift("worse", At(9, 0), At(8, 0))], [], DayOver);

        scores.ShouldBeEmpty();
    }

    [Fact]
    public void Calculate_NightShift_StaysOnStartDay()
    {
        var shift = Shift("s1", At(22, 0), Local(2025, 12, 11, 6, 0));
        List<ScoringWindow> windows = [.. WindowRun(1, "Labeling", 50, Local(2025, 12, 11, 0, 0), 6), Window(99, "Labeling", 5, Local(2025, 12, 11, 7, 0))];

        var scores = Calculator.Calculate([shift], windows, Local(2025, 12, 12, 0, 0));

        scores.Select(s => s.BusinessDay).ShouldBe([new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 11)]);
        scores[0].Items.ShouldBe(300);
        scores[0].ClockedMinutes.ShouldBe(480);
        scores[1].UnclockedWindows.ShouldBe(1);
        scores[1].Sessions.ShouldBe(0);
    }

    [Fact]
    public void Calculate_WindowOverlappingTwoSessions_GoesToFirstSessionClipped()
    {
        ScoringShift[] shifts = [Shift("late", At(11, 5), At(12, 0)), Shift("early", At(10, 0), At(11, 0))];
        ScoringWindow[] windows = [Window(1, "In Production", 4, At(10, 58))];

        var score = Calculator.Calculate(shifts, windows, DayOver).ShouldHaveSingleItem();

        score.IdlePeriods.Select(p => (p.ShiftId, p.Rule, p.StartUtc, p.EndUtc)).ShouldBe(
        [
            ("early", IdleRule.StartAllowance, At(10, 0), At(10, 58)),
            ("late", IdleRule.NoProduction, At(11, 5), At(12, 0)),
        ]);
    }

    [Fact]
    public void Calculate_UnclockedWindow_CountsItemsAndPointsButNotStandardMinutes()
    {
        ScoringWindow[] windows = [Window(7, "In Production", 10, At(5, 0))];

        var score = Calculator.Calculate([], windows, DayOver).ShouldHaveSingleItem();

        score.Items.ShouldBe(10);
        score.Points.ShouldBe(15);
        score.StandardMinutes.ShouldBe(0);
        score.ClockedMinutes.ShouldBe(0);
        score.Utilization.ShouldBe(0);
        score.Performance.ShouldBeNull();
        score.PrimaryRole.ShouldBe("Heat Pressing");
        score.UnclockedItems.ShouldBe(10);
        score.UnclockedWindows.ShouldBe(1);
        score.Flags.ShouldBe([new DataQualityFlag(DataQualityIssue.ProductionOutsideSession, "7", 10, At(5, 0), At(5, 10))]);
    }

    [Fact]
    public void Calculate_DayRange_ReturnsOnlyRequestedDays()
    {
        ScoringShift[] shifts = [Shift("d1", At(7, 0), At(8, 0)), Shift("d2", Local(2025, 12, 11, 7, 0), Local(2025, 12, 11, 8, 0))];
        var day = new DateOnly(2025, 12, 11);

        var scores = Calculator.Calculate(shifts, [], Local(2025, 12, 12, 0, 0), day, day);

        scores.ShouldHaveSingleItem().BusinessDay.ShouldBe(day);
    }

    [Fact]
    public void Calculate_NowAsDateTimeOffset_MatchesNowAsDateTime()
    {
        var shift = Shift("s1", At(7, 0), null);

        var scores = Calculator.Calculate([shift], [], new DateTimeOffset(At(9, 0)));

        scores.ShouldHaveSingleItem().ClockedMinutes.ShouldBe(120);
    }

    [Fact]
    public void RoleTable_DuplicateAction_Throws()
    {
        RoleDefinition[] roles = [DefaultRoles.All[0], DefaultRoles.All[0] with { RoleName = "Other" }];

        Should.Throw<ArgumentException>(() => new RoleTable(roles));
    }

    [Fact]
    public void DefaultRoles_All_AreTheSpecTable()
    {
        var roles = DefaultRoles.All.Select(r => FormattableString.Invariant($"{r.Action}|{r.RoleName}|{r.Kind}|{r.ExpectedPerHour}|{r.IdleThresholdMinutes}|{r.PointsPerItem}"));

        roles.ShouldBe(
        [
            "In Production|Heat Pressing|Continuous|40|10|1.5",
            "QC Passed|Packing and Shipping|Continuous|45|10|1.33",
            "Picking|Picker|Batch|200||0.3",
            "Labeling|Labeler|Batch|200||0.3",
            "Film Matching|Film Matching|Batch|133||0.45",
        ]);
    }
}
