using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Productivity.Tests.TestSupport;

/// <summary>The fake's faults that last a stretch of time (the fault suite's Connecteam outage) answer as the real API would.</summary>
public sealed class FakeConnecteamStretchTests : IAsyncLifetime
{
    private FakeConnecteamServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeConnecteamServer.StartAsync();
        _server.AddClock(1, "Clock");
        _http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        _http.DefaultRequestHeaders.Add("X-API-KEY", _server.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RateLimitFor_EveryRequestGets429_WithTheMinuteSpentUntilTheEndOfTheStretch()
    {
        var end = _server.RateLimitFor(TimeSpan.FromSeconds(20));

        for (var i = 0; i < 3; i++)
        {
            using var response = await _http.GetAsync("/time-clock/v1/time-clocks");
            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            Header(response, "x-ratelimit-minute-limit").ShouldBe("100");
            Header(response, "x-ratelimit-minute-remaining").ShouldBe("0");
            Header(response, "x-ratelimit-day-remaining").ShouldNotBe("0");
            // Whole epoch seconds, the second the stretch has ended by.
            long.Parse(Header(response, "x-ratelimit-minute-reset"), CultureInfo.InvariantCulture)
                .ShouldBe((end.ToUnixTimeMilliseconds() + 999) / 1000);
        }
    }

    [Fact]
    public async Task RateLimitFor_LongerThanAMinute_AnnouncesAResetAMinuteAwayAtMost()
    {
        _server.RateLimitFor(TimeSpan.FromMinutes(5));

        using var response = await _http.GetAsync("/time-clock/v1/time-clocks");

        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Header(response, "x-ratelimit-minute-reset"), CultureInfo.InvariantCulture));
        (reset - DateTimeOffset.UtcNow).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task FailShareFor_FailsEveryFifthRequest_ThenNoneOnceOver()
    {
        var end = _server.FailShareFor(TimeSpan.FromSeconds(3), 0.2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await _http.GetAsync("/time-clock/v1/time-clocks");
            statuses.Add(response.StatusCode);
        }
        await Task.Delay(end - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        using var after = await _http.GetAsync("/time-clock/v1/time-clocks");

        statuses.Select((s, i) => (s, i)).Where(x => x.s == HttpStatusCode.InternalServerError).Select(x => x.i).ShouldBe([4, 9]);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DelayFor_AnswersNormallyButLate_AndStretchesFollowEachOther()
    {
        var delayFrom = _server.FailShareFor(TimeSpan.FromMilliseconds(300), 1);
        _server.DelayFor(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(700), delayFrom);

        using var failed = await _http.GetAsync("/time-clock/v1/time-clocks");
        await Task.Delay(delayFrom - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        var watch = Stopwatch.StartNew();
        using var late = await _http.GetAsync("/time-clock/v1/time-clocks");

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(650));
        (await late.Content.ReadAsStringAsync()).ShouldContain("\"timeClocks\"");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new ShouldAssertException($"no {name} header");
}
