using Productivity.Core.Alerts;
using Productivity.Core.Scoring;

namespace Productivity.Tests.Core.Alerts;

public sealed class AlertEvaluatorTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static AlertSnapshot Snapshot(params ClockedInFact[] clockedIn) => new()
    {
        NowUtc = Now,
        Today = Today,
        SiteLocalTime = new TimeOnly(10, 0),
        Roles = RoleTable.Default,
        Parameters = ScoringParameters.Default,
        ClockedIn = clockedIn,
    };

    private static ClockedInFact Person(int id, DateTime clockIn, LastWindowFact? window, bool onBreak = false) =>
        new(id, id * 10, Today, clockIn, onBreak, window);

    private static IReadOnlyList<AlertRule> Rules(Action<AlertRule>? edit = null)
    {
        var rules = AlertRuleDefaults.All;
        foreach (var rule in rules)
        {
            edit?.Invoke(rule);
        }
        return rules;
    }

    [Fact]
    public void Defaults_FollowTheIssue_IdleFactor3Min30_ForgottenClockOut12h_LowPerformanceOff()
    {
        var idle = AlertRuleDefaults.For(AlertKind.IdleNow);
        (idle.Threshold, idle.SecondThreshold, idle.IsEnabled).ShouldBe((3, 30, true));
        AlertRuleDefaults.For(AlertKind.ForgottenClockOut).Threshold.ShouldBe(12);
        AlertRuleDefaults.For(AlertKind.LowPerformance).IsEnabled.ShouldBeFalse();
        AlertRuleDefaults.All.Select(r => r.Kind).ShouldBe(Enum.GetValues<AlertKind>());
        AlertRuleDefaults.All.ShouldAllBe(r => AlertRuleValidation.Check(r).Count == 0);
    }

    [Theory]
    // Continuous role, threshold 10: 3 × 10 = 30 = the minimum.
    [InlineData("In Production", 40, 30)]
    // Batch: 200 items of Picking (200/h) = 60 min × 1.05 = 63, × 3 = 189.
    [InlineData("Picking", 200, 189)]
    // Batch floor 3 min × 3 = 9 → the minimum 30.
    [InlineData("Picking", 1, 30)]
    // Unknown action: scoring's 10 min × 3 = 30.
    [InlineData("Sweeping", 5, 30)]
    public void IdleLimit_IsTheRolesThresholdTimesTheFactor_NeverUnderTheMinimum(string action, int items, double expected) =>
        AlertEvaluator.IdleLimitMinutes(new LastWindowFact(Now, action, items), RoleTable.Default, ScoringParameters.Default, 3, 30)
            .ShouldBe(expected, 1e-9);

    [Fact]
    public void IdleLimit_BeforeTheFirstWindow_UsesTheStartAllowance() =>
        AlertEvaluator.IdleLimitMinutes(null, RoleTable.Default, ScoringParameters.Default, 3, 30).ShouldBe(45);

    [Fact]
    public void IdleNow_HoldsPastTheLimitOnly_AndNeverForSomeoneOnABreak()
    {
        var snapshot = Snapshot(
            Person(1, Now.AddHours(-2), new LastWindowFact(Now.AddMinutes(-31), "In Production", 7)),
            Person(2, Now.AddHours(-2), new LastWindowFact(Now.AddMinutes(-29), "In Production", 7)),
            Person(3, Now.AddHours(-2), new LastWindowFact(Now.AddMinutes(-90), "In Production", 7), onBreak: true),
            // Back from a break 40 min ago, nothing since: counted from the return, against the start allowance (45).
            Person(4, Now.AddMinutes(-40), null),
            Person(5, Now.AddMinutes(-46), null));

        var conditions = AlertEvaluator.Evaluate(snapshot, Rules());

        conditions.Select(c => c.EmployeeId).ShouldBe([1, 5]);
        var first = conditions[0];
        (first.Kind, first.SubjectKey, first.Measure, first.Limit, first.SinceUtc, first.BusinessDay)
            .ShouldBe((AlertKind.IdleNow, "employee:1:2026-03-10", 31.0, 30.0, (DateTime?)Now.AddMinutes(-31), (DateOnly?)Today));
    }

    [Fact]
    public void DisabledRule_FindsNothing()
    {
        var snapshot = Snapshot(Person(1, Now.AddHours(-2), null));
        AlertEvaluator.Evaluate(snapshot, Rules(r => r.IsEnabled = r.Kind != AlertKind.IdleNow)).ShouldBeEmpty();
    }

    [Fact]
    public void Scoped_EvaluatesThePersonRulesOfThoseEmployeesOnly()
    {
        var snapshot = Snapshot(Person(1, Now.AddHours(-2), null), Person(2, Now.AddHours(-2), null)) with
        {
            EmployeeScope = new HashSet<int> { 2 },
            LatestRowUtc = Now.AddHours(-5),
            SyncJobs = [new SyncJobFact("podfactory", 5, Now.AddHours(-1))],
        };
        var conditions = AlertEvaluator.Evaluate(snapshot, Rules(r => r.SecondThreshold = r.Kind == AlertKind.StaleFeed ? 1 : r.SecondThreshold));
        conditions.Select(c => (c.Kind, c.EmployeeId)).ShouldBe([(AlertKind.IdleNow, (int?)2)]);
    }

    [Fact]
    public void ForgottenClockOut_AfterTheHours_KeyedBySession()
    {
        var snapshot = Snapshot() with
        {
            OpenSessions = [new OpenSessionFact(7, 70, Today, Now.AddHours(-12.5)), new OpenSessionFact(8, 80, Today, Now.AddHours(-11))],
        };
        var condition = AlertEvaluator.Evaluate(snapshot, Rules()).ShouldHaveSingleItem();
        (condition.Kind, condition.SubjectKey, condition.Measure).ShouldBe((AlertKind.ForgottenClockOut, "employee:7:session:70", 12.5));
    }

    [Fact]
    public void StaleFeed_NeedsTheMinutesAndEnoughPeopleWorking()
    {
        var working = Enumerable.Range(1, 5).Select(i => Person(i, Now.AddHours(-1), new LastWindowFact(Now.AddMinutes(-1), "In Production", 1))).ToArray();
        var stale = Snapshot(working) with { LatestRowUtc = Now.AddMinutes(-31) };
        AlertEvaluator.Evaluate(stale, Rules()).ShouldHaveSingleItem().Count.ShouldBe(5);

        AlertEvaluator.Evaluate(stale with { LatestRowUtc = Now.AddMinutes(-29) }, Rules()).ShouldBeEmpty();
        AlertEvaluator.Evaluate(stale with { ClockedIn = working[..4] }, Rules()).ShouldBeEmpty();
        // Nothing ever stored: nothing to be stale against.
        AlertEvaluator.Evaluate(stale with { LatestRowUtc = null }, Rules()).ShouldBeEmpty();
    }

    [Fact]
    public void SyncFailing_KFailuresInARow()
    {
        var snapshot = Snapshot() with
        {
            SyncJobs = [new SyncJobFact("podfactory", 3, Now.AddMinutes(-3)), new SyncJobFact("connecteam-shifts", 2, Now.AddMinutes(-2))],
        };
        var condition = AlertEvaluator.Evaluate(snapshot, Rules()).ShouldHaveSingleItem();
        (condition.SubjectKey, condition.Reference, condition.Count).ShouldBe(("job:podfactory", "podfactory", (int?)3));
    }

    [Fact]
    public void LowPerformance_UnderThePercentAfterTheActiveMinutes_WhenTurnedOn()
    {
        var snapshot = Snapshot() with
        {
            TodayScores =
            [
                new DayScoreFact(1, Today, 0.65, 61, 0, 0),
                new DayScoreFact(2, Today, 0.65, 59, 0, 0),
                new DayScoreFact(3, Today, 0.75, 200, 0, 0),
                new DayScoreFact(4, Today, null, 0, 0, 0),
            ],
        };
        AlertEvaluator.Evaluate(snapshot, Rules()).ShouldBeEmpty();
        var condition = AlertEvaluator.Evaluate(snapshot, Rules(r => r.IsEnabled = true)).ShouldHaveSingleItem();
        (condition.EmployeeId, condition.Measure, condition.Limit).ShouldBe((1, 65.0, 70.0));
    }

    [Fact]
    public void UnclockedProductionAndUnmappedEmail_FromTodaysFacts()
    {
        var snapshot = Snapshot() with
        {
            TodayScores = [new DayScoreFact(1, Today, 1, 100, 12, 2), new DayScoreFact(2, Today, 1, 100, 0, 0)],
            UnmappedEmails = [new UnmappedEmailFact("x@example.test", 3, 40, Now.AddHours(-1))],
        };
        var conditions = AlertEvaluator.Evaluate(snapshot, Rules());
        conditions.Select(c => (c.Kind, c.SubjectKey, c.Measure, c.Count)).ShouldBe(
        [
            (AlertKind.UnclockedProduction, "employee:1:2026-03-10", 12.0, (int?)2),
            (AlertKind.UnmappedEmail, "email:x@example.test:2026-03-10", 40.0, (int?)3),
        ]);
    }

    [Theory]
    [InlineData("22:00", "06:00", "23:30", true)]
    [InlineData("22:00", "06:00", "05:59", true)]
    [InlineData("22:00", "06:00", "06:00", false)]
    [InlineData("22:00", "06:00", "12:00", false)]
    [InlineData("12:00", "13:00", "12:30", true)]
    public void QuietHours_AreSiteLocalAndMayWrapPastMidnight(string from, string until, string at, bool quiet)
    {
        var rule = AlertRuleDefaults.For(AlertKind.IdleNow);
        rule.QuietFrom = TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        rule.QuietUntil = TimeOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture);
        rule.IsQuietAt(TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(quiet);
    }

    [Fact]
    public void Validation_NamesEachProblem()
    {
        var rule = AlertRuleDefaults.For(AlertKind.StaleFeed);
        rule.Threshold = 2;
        rule.SecondThreshold = 2.5;
        rule.QuietFrom = new TimeOnly(1, 0);
        AlertRuleValidation.Check(rule).ShouldBe(
            [AlertRuleProblem.ThresholdOutOfRange, AlertRuleProblem.SecondThresholdOutOfRange, AlertRuleProblem.QuietHoursIncomplete]);
        rule = AlertRuleDefaults.For(AlertKind.IdleNow);
        rule.Threshold = double.NaN;
        rule.QuietFrom = rule.QuietUntil = new TimeOnly(1, 0);
        AlertRuleValidation.Check(rule).ShouldBe([AlertRuleProblem.ThresholdOutOfRange, AlertRuleProblem.QuietHoursEmpty]);
    }

    [Fact]
    public void Roles_AreStoredInAFixedOrder_AndUnknownNamesRefused()
    {
        AlertRoles.Format(["Lead", "Admin"]).ShouldBe("Admin,Lead");
        AlertRoles.Parse(" Lead ,Admin,Bogus").ShouldBe(["Lead", "Admin"]);
        Should.Throw<ArgumentException>(() => AlertRoles.Format(["Owner"]));
    }
}
