using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Integrations;
using Productivity.Core.Scoring;
using Productivity.Core.Time;
using Productivity.Infrastructure.Integrations.Demo;

namespace Productivity.Tests.Infrastructure.Integrations;

public sealed class DemoSourcesTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    // Wednesday 2025-12-10, 08:30 CST: the early shift is on the floor before lunch, the night shift has left.
    private static readonly DateTimeOffset WednesdayMorning = new(2025, 12, 10, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 12, 10);

    [Fact]
    public async Task GetUsersAsync_Always_ReturnsThirtyFivePeopleWithDemoEmails()
    {
        var client = new DemoConnecteamClient(NewFloor(new FakeTimeProvider(WednesdayMorning)));

        var users = await client.GetUsersAsync();

        users.Count.ShouldBe(35);
        users.Select(u => u.UserId).ShouldBe(Enumerable.Range(9_100_001, 35).Select(i => (long)i));
        users.Select(u => u.Email).Distinct().Count().ShouldBe(35);
        users.ShouldAllBe(u => u.Email!.EndsWith("@demo.productivity.test") && !u.IsArchived);
        users[0].Email.ShouldBe("ana.lopez@demo.productivity.test");
    }

    [Fact]
    public async Task GetTimeClocksAsync_Always_ReturnsTheOneDemoClock()
    {
        var client = new DemoConnecteamClient(NewFloor(new FakeTimeProvider(WednesdayMorning)));

        var clocks = await client.GetTimeClocksAsync();

        clocks.ShouldBe([new ConnecteamClock(1, "Demo Warehouse Clock", false)]);
    }

    [Fact]
    public async Task GetBreakTypesAsync_DemoClock_ReturnsAnUnpaidLunchAndAPaidBreak()
    {
        var client = new DemoConnecteamClient(NewFloor(new FakeTimeProvider(WednesdayMorning)));

        var types = await client.GetBreakTypesAsync(DemoFloor.ClockId);

        types.Select(t => (t.Name, t.IsPaid)).ShouldBe([("Lunch", false), ("Break", true)]);
        (await client.GetBreakTypesAsync(DemoFloor.ClockId + 1)).ShouldBeEmpty();
    }

    [Fact]
    public void DemoFloor_TwoInstancesAtTheSameInstant_ProduceIdenticalData()
    {
        var first = NewFloor(new FakeTimeProvider(WednesdayMorning));
        var second = NewFloor(new FakeTimeProvider(WednesdayMorning));

        var (a, b) = (first.GetTimeActivities(Today.AddDays(-14), Today), second.GetTimeActivities(Today.AddDays(-14), Today));

        second.Users.ShouldBe(first.Users);
        b.Shifts.ShouldBe(a.Shifts);
        b.Breaks.ShouldBe(a.Breaks);
        second.GetRows().ShouldBe(first.GetRows());
        first.GetRows().ShouldBe(first.GetRows());
    }

    [Fact]
    public void DemoFloor_AnotherSeed_ProducesAnotherFloor()
    {
        var time = new FakeTimeProvider(WednesdayMorning);

        var rows = new DemoFloor(Chicago, time, seed: 1).GetRows();

        rows.ShouldNotBe(NewFloor(time).GetRows());
    }

    [Fact]
    public void GetRows_AtAnyInstant_ContainsOnlyPastRowsWithUniqueIdsOverFourteenDaysOfHistory()
    {
        var floor = NewFloor(new FakeTimeProvider(WednesdayMorning));

        var rows = floor.GetRows();

        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.CreatedUtc <= WednesdayMorning.UtcDateTime);
        rows.ShouldAllBe(r => r.WindowEndUtc == r.WindowStartUtc!.Value.AddMinutes(10));
        rows.ShouldAllBe(r => r.CreatedUtc >= r.WindowEndUtc!.Value.AddMinutes(1) && r.CreatedUtc <= r.WindowEndUtc!.Value.AddMinutes(2));
        rows.Select(r => r.Id).Distinct().Count().ShouldBe(rows.Count);
        var days = rows.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(r.WindowStartUtc!.Value, Chicago))).ToHashSet();
        days.Min().ShouldBe(Today.AddDays(-14));
        days.Max().ShouldBe(Today);
        days.Count.ShouldBe(15);
    }

    [Fact]
    public void GetRows_Always_OrderedByCreatedAtThenId()
    {
        var rows = NewFloor(new FakeTimeProvider(WednesdayMorning)).GetRows();

        rows.ShouldBe(rows.OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id));
    }

    [Fact]
    public void GetTimeActivities_OpenShifts_HaveNoEndUntilTheirEndIsPast()
    {
        var time = new FakeTimeProvider(WednesdayMorning);
        var floor = NewFloor(time);
        var morning = floor.GetTimeActivities(Today, Today);

        time.Advance(TimeSpan.FromHours(14));
        var night = floor.GetTimeActivities(Today, Today);

        var open = morning.Shifts.Where(s => s.EndUtc is null).ToList();
        open.Count.ShouldBeGreaterThan(20);
        morning.Shifts.ShouldAllBe(s => s.StartUtc <= WednesdayMorning.UtcDateTime);
        morning.Shifts.Where(s => s.EndUtc != null).ShouldAllBe(s => s.EndUtc <= WednesdayMorning.UtcDateTime);
        foreach (var shift in open)
        {
            var later = night.Shifts.Single(s => s.Id == shift.Id);
            later.StartUtc.ShouldBe(shift.StartUtc);
            later.EndUtc.ShouldNotBeNull();
            later.EndUtc.Value.ShouldBeGreaterThan(WednesdayMorning.UtcDateTime);
        }
        night.Shifts.Count.ShouldBeGreaterThan(morning.Shifts.Count);
    }

    [Fact]
    public void GetTimeActivities_Breaks_AreThirtyMinutesInsideTheirShift()
    {
        var floor = NewFloor(new FakeTimeProvider(WednesdayMorning));

        var activities = floor.GetTimeActivities(Today.AddDays(-14), Today);

        activities.Breaks.ShouldNotBeEmpty();
        foreach (var pause in activities.Breaks.Where(b => b.EndUtc != null))
        {
            (pause.EndUtc!.Value - pause.StartUtc).ShouldBe(TimeSpan.FromMinutes(30));
            activities.Shifts.ShouldContain(s => s.UserId == pause.UserId && s.StartUtc < pause.StartUtc
                && (s.EndUtc == null || s.EndUtc > pause.EndUtc));
        }
    }

    [Theory]
    [InlineData("2025-12-10T14:30:00Z")]
    [InlineData("2025-03-12T03:00:00Z")] // history spans the spring-forward night of 2025-03-09; a night shift is on
    [InlineData("2025-11-04T20:00:00Z")] // history spans the fall-back night of 2025-11-02; the late shift is on
    public void GetRows_WindowsOfMappedEmployees_LieInsideTheirShiftsAndOutsideTheirBreaks(string instant)
    {
        var nowOffset = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var floor = NewFloor(new FakeTimeProvider(nowOffset));
        var now = nowOffset.UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Chicago));
        var activities = floor.GetTimeActivities(today.AddDays(-14), today);
        var userIds = floor.Users.ToDictionary(u => u.Email!, u => u.UserId);

        var mapped = floor.GetRows().Where(r => userIds.ContainsKey(r.UserEmail!)).ToList();

        var shifts = activities.Shifts.ToLookup(s => s.UserId);
        var breaks = activities.Breaks.ToLookup(b => b.UserId);
        mapped.ShouldNotBeEmpty();
        var outside = mapped.Where(row => !shifts[userIds[row.UserEmail!]]
            .Any(s => s.StartUtc <= row.WindowStartUtc && (s.EndUtc ?? now) >= row.WindowEndUtc));
        var inBreak = mapped.Where(row => breaks[userIds[row.UserEmail!]]
            .Any(b => b.StartUtc < row.WindowEndUtc && (b.EndUtc ?? now) > row.WindowStartUtc));
        outside.Select(r => r.Id).ShouldBeEmpty();
        inBreak.Select(r => r.Id).ShouldBeEmpty();
        mapped.ShouldAllBe(r => r.CreatedUtc <= now);
        activities.Shifts.ShouldContain(s => s.EndUtc == null);
    }

    [Fact]
    public void GetRows_UnmappedPodFactoryUsers_AreTwoWithNamesLikeAnEmployee()
    {
        var floor = NewFloor(new FakeTimeProvider(WednesdayMorning));
        var emails = floor.Users.Select(u => u.Email).ToHashSet();

        var unmapped = floor.GetRows().Where(r => !emails.Contains(r.UserEmail)).Select(r => (r.UserEmail, r.UserName)).Distinct().ToList();

        unmapped.Count.ShouldBe(2);
        unmapped.ShouldAllBe(u => u.UserEmail!.EndsWith("@demo.productivity.test"));
        foreach (var (_, name) in unmapped)
        {
            floor.Users.ShouldContain(u => u.LastName == name!.Split(' ', StringSplitOptions.None)[1]
                || name.StartsWith(u.FirstName + " "));
        }
    }

    [Theory]
    [InlineData("In Production", 40)]
    [InlineData("QC Passed", 45)]
    [InlineData("Picking", 200)]
    [InlineData("Labeling", 200)]
    [InlineData("Film Matching", 133)]
    public void GetRows_ItemsPerWindow_AreNearTheExpectedRateOfTheAction(string action, double expectedPerHour)
    {
        var rows = NewFloor(new FakeTimeProvider(WednesdayMorning)).GetRows().Where(r => r.Action == action).ToList();

        rows.Count.ShouldBeGreaterThan(100);
        rows.Average(r => r.ItemsCount!.Value).ShouldBeInRange(expectedPerHour / 6 * 0.75, expectedPerHour / 6 * 1.25);
        rows.ShouldAllBe(r => r.ItemsCount >= 0);
    }

    [Fact]
    public void GetRows_History_HasIdleStretchesStationSwitchesLateAndNightShiftsAndNoShows()
    {
        var floor = NewFloor(new FakeTimeProvider(WednesdayMorning));
        var activities = floor.GetTimeActivities(Today.AddDays(-14), Today.AddDays(-1));
        var rows = floor.GetRows();

        var byPersonDay = rows.GroupBy(r => (r.UserEmail, Day: r.Id / 100_000)).ToList();
        var localStartHours = activities.Shifts.Select(s => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, Chicago).AddMinutes(30).Hour).ToList();
        var weekdayShifts = activities.Shifts
            .GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, Chicago)))
            .Where(g => g.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select(g => g.Count())
            .ToList();

        byPersonDay.ShouldContain(g => g.Select(r => r.Action).Distinct().Count() == 2);
        byPersonDay.ShouldContain(g => HasGapOfAtLeast(g, TimeSpan.FromMinutes(70)));
        localStartHours.ShouldContain(6);
        localStartHours.ShouldContain(14);
        localStartHours.ShouldContain(22);
        weekdayShifts.Count.ShouldBe(10);
        weekdayShifts.ShouldAllBe(count => count >= 28 && count <= 35);
        weekdayShifts.ShouldContain(count => count < 35);
    }

    [Fact]
    public void DemoFloor_ScoredWithTheDefaultRoles_HasVaryingUtilizationAndPlausiblePerformance()
    {
        var floor = NewFloor(new FakeTimeProvider(WednesdayMorning));
        var activities = floor.GetTimeActivities(Today.AddDays(-14), Today.AddDays(-1));
        var rows = floor.GetRows();
        var calculator = new ScoreCalculator(RoleTable.Default, ScoringParameters.Default, Chicago);

        var scores = floor.People.SelectMany(person => calculator.Calculate(
            ScoringShifts(activities, person.UserId),
            [.. rows.Where(r => r.UserEmail == person.PodFactoryEmail)
                .Select(r => new ScoringWindow(r.Id, r.Action!, r.ItemsCount!.Value, r.WindowStartUtc!.Value, r.WindowEndUtc!.Value))],
            WednesdayMorning.UtcDateTime,
            Today.AddDays(-14),
            Today.AddDays(-1))).ToList();

        scores.Count.ShouldBeGreaterThan(300);
        scores.ShouldAllBe(s => s.UnclockedWindows == 0);
        scores.Min(s => s.Utilization).ShouldBeLessThan(0.7);
        scores.Max(s => s.Utilization).ShouldBe(1);
        scores.Average(s => s.Utilization).ShouldBeInRange(0.7, 0.95);
        scores.Average(s => s.Performance!.Value).ShouldBeInRange(0.75, 1.1);
    }

    [Fact]
    public async Task ReadAfterAsync_PagesOfOneHundred_EqualOneReadOfEverything()
    {
        var source = new DemoPodFactorySource(NewFloor(new FakeTimeProvider(WednesdayMorning)));
        List<PodFactoryRow> paged = [];
        var (createdAt, afterId) = (DateTime.MinValue, 0L);

        while (await source.ReadAfterAsync(createdAt, afterId, 100) is { Count: > 0 } page)
        {
            page.Count.ShouldBeLessThanOrEqualTo(100);
            paged.AddRange(page);
            (createdAt, afterId) = (page[^1].CreatedUtc, page[^1].Id);
        }

        var all = await source.ReadAfterAsync(DateTime.MinValue, 0, int.MaxValue);
        paged.ShouldBe(all);
        all.Count.ShouldBeGreaterThan(5_000);
    }

    [Fact]
    public async Task ReadAfterAsync_TimeAdvancesTenMinutes_NewRowsAppearAfterTheOldCursor()
    {
        var time = new FakeTimeProvider(WednesdayMorning);
        var source = new DemoPodFactorySource(NewFloor(time));
        var before = await source.ReadAfterAsync(DateTime.MinValue, 0, int.MaxValue);
        var cursor = before[^1];

        time.Advance(TimeSpan.FromMinutes(10));
        var after = await source.ReadAfterAsync(cursor.CreatedUtc, cursor.Id, int.MaxValue);

        after.Count.ShouldBeGreaterThan(15);
        after.ShouldAllBe(r => r.CreatedUtc > WednesdayMorning.UtcDateTime && r.CreatedUtc <= time.GetUtcNow().UtcDateTime);
        (await source.ReadAfterAsync(DateTime.MinValue, 0, int.MaxValue)).ShouldBe(before.Concat(after));
    }

    [Fact]
    public async Task ReadWindowsAsync_Range_IsHalfOpenOnWindowStartAndOrderedById()
    {
        var source = new DemoPodFactorySource(NewFloor(new FakeTimeProvider(WednesdayMorning)));
        var from = new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Utc);

        var rows = await source.ReadWindowsAsync(from, from.AddHours(1));

        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.WindowStartUtc >= from && r.WindowStartUtc < from.AddHours(1));
        rows.Select(r => r.Id).ShouldBe(rows.Select(r => r.Id).Order());
        rows.ShouldContain(r => r.WindowStartUtc == from);
        rows.ShouldNotContain(r => r.WindowStartUtc == from.AddHours(1));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("", " ", true)]
    [InlineData("ct-key", null, false)]
    [InlineData(null, "Server=podfactory;User ID=reader", false)]
    [InlineData("ct-key", "Server=podfactory;User ID=reader", false)]
    public void IsDemoMode_Configuration_IsOnOnlyWithoutAnyRealSource(string? apiKey, string? podFactory, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = apiKey,
            ["ConnectionStrings:PodFactory"] = podFactory,
        }).Build();

        DemoRegistration.IsDemoMode(configuration).ShouldBe(expected);
    }

    [Fact]
    public void AddDemoSources_WithSiteClockAndTimeProvider_RegistersTheDemoPorts()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new SiteClock(Chicago));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(WednesdayMorning));
        DemoRegistration.AddDemoSources(services);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IConnecteamClient>().ShouldBeOfType<DemoConnecteamClient>();
        provider.GetRequiredService<IPodFactorySource>().ShouldBeOfType<DemoPodFactorySource>();
        provider.GetRequiredService<DemoFloor>().SiteTimeZone.ShouldBe(Chicago);
    }

    private static DemoFloor NewFloor(TimeProvider time) => new(Chicago, time);

    private static List<ScoringShift> ScoringShifts(ConnecteamActivities activities, long userId) =>
    [
        .. activities.Shifts.Where(s => s.UserId == userId).Select(s => new ScoringShift(s.Id, s.StartUtc, s.EndUtc,
        [
            .. activities.Breaks.Where(b => b.UserId == userId && b.StartUtc >= s.StartUtc && (s.EndUtc == null || b.StartUtc < s.EndUtc))
                .Select(b => new ScoringBreak(b.StartUtc, b.EndUtc)),
        ])),
    ];

    private static bool HasGapOfAtLeast(IEnumerable<PodFactoryRow> windows, TimeSpan gap) =>
        windows.OrderBy(r => r.WindowStartUtc).Zip(windows.OrderBy(r => r.WindowStartUtc).Skip(1))
            .Any(pair => pair.Second.WindowStartUtc - pair.First.WindowEndUtc >= gap);
}
