using Productivity.Core.TimeClock;

namespace Productivity.Tests.Core.TimeClock;

/// <summary>scoring.md, Sessions §1 (split shifts): how shifts and manual breaks become sessions.</summary>
public sealed class ClockSessionsTests
{
    private static readonly DateTime Day = new(2025, 12, 10, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ShiftsSplitAroundABreak_AreOneSessionWithTheBreakInside()
    {
        var sessions = ClockSessions.Join([Shift(1, 13, 0, 17, 0), Shift(2, 17, 30, 21, 30)], [Break(10, 17, 0, 17, 30)]);

        var session = sessions.ShouldHaveSingleItem();
        (session.ClockInUtc, session.ClockOutUtc).ShouldBe((At(13, 0), At(21, 30)));
        session.Shifts.Select(s => s.Id).ShouldBe([1L, 2L]);
        session.Breaks.Select(b => b.Id).ShouldBe([10L]);
        session.Id.ShouldBe(1);
        session.OpenBreak.ShouldBeNull();
    }

    [Fact]
    public void EveryBreakOfTheDay_JoinsItsShifts_InAnyInputOrder()
    {
        var sessions = ClockSessions.Join(
            [Shift(3, 15, 15, 18, 0), Shift(1, 8, 0, 10, 0), Shift(2, 10, 15, 15, 0)],
            [Break(11, 15, 0, 15, 15), Break(10, 10, 0, 10, 15)]);

        var session = sessions.ShouldHaveSingleItem();
        (session.ClockInUtc, session.ClockOutUtc).ShouldBe((At(8, 0), At(18, 0)));
        session.Breaks.Select(b => b.Id).ShouldBe([10L, 11L]);
    }

    [Theory]
    [InlineData(59, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    public void TheBreakMustMeetBothShifts_WithinSixtySeconds(int seconds, int expectedSessions)
    {
        var shifts = new[] { Shift(1, 13, 0, 17, 0), new ClockShift(2, At(17, 30).AddSeconds(seconds), At(21, 30)) };

        var breakStartingEarly = new BreakSpan(10, At(17, 0).AddSeconds(-seconds), At(17, 30));

        ClockSessions.Join(shifts, [Break(10, 17, 0, 17, 30)]).Count.ShouldBe(expectedSessions);
        ClockSessions.Join([Shift(1, 13, 0, 17, 0), Shift(2, 17, 30, 21, 30)], [breakStartingEarly]).Count.ShouldBe(expectedSessions);
    }

    [Fact]
    public void OpenBreakAtAClockOut_ContinuesTheSession_AndIsTheOpenBreak()
    {
        var session = ClockSessions.Join([Shift(1, 13, 0, 17, 0)], [new BreakSpan(10, At(17, 0), null, "Lunch")]).ShouldHaveSingleItem();

        session.ClockOutUtc.ShouldBeNull();
        session.OpenBreak.ShouldBe(new BreakSpan(10, At(17, 0), null, "Lunch"));
    }

    [Fact]
    public void ClosedBreakAfterTheLastClockOut_AddsNothing()
    {
        var session = ClockSessions.Join([Shift(1, 13, 0, 17, 0)], [Break(10, 17, 0, 17, 30)]).ShouldHaveSingleItem();

        session.ClockOutUtc.ShouldBe(At(17, 0));
        session.Breaks.ShouldBeEmpty();
    }

    [Fact]
    public void ClockOutForLunchWithoutABreak_StaysTwoSessions()
    {
        ClockSessions.Join([Shift(1, 13, 0, 17, 0), Shift(2, 17, 30, 21, 30)], []).Count.ShouldBe(2);
    }

    [Fact]
    public void BreakInsideAShift_StaysInsideIt()
    {
        var session = ClockSessions.Join([Shift(1, 13, 0, 21, 30)], [Break(10, 17, 0, 17, 30)]).ShouldHaveSingleItem();

        session.Breaks.Select(b => b.Id).ShouldBe([10L]);
        session.ClockOutUtc.ShouldBe(At(21, 30));
    }

    [Fact]
    public void NightShiftSplitAfterMidnight_IsOneSessionFromTheFirstClockIn()
    {
        var session = ClockSessions.Join(
            [new ClockShift(1, At(22, 0), At(26, 0)), new ClockShift(2, At(26, 30), At(30, 0))],
            [new BreakSpan(10, At(26, 0), At(26, 30))]).ShouldHaveSingleItem();

        (session.ClockInUtc, session.ClockOutUtc).ShouldBe((At(22, 0), At(30, 0)));
    }

    private static ClockShift Shift(long id, int inHour, int inMinute, int outHour, int outMinute) =>
        new(id, At(inHour, inMinute), At(outHour, outMinute));

    private static BreakSpan Break(long id, int startHour, int startMinute, int endHour, int endMinute) =>
        new(id, At(startHour, startMinute), At(endHour, endMinute));

    private static DateTime At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);
}
