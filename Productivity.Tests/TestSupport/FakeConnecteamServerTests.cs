using System.Net;
using System.Text.Json.Nodes;

namespace Productivity.Tests.TestSupport;

/// <summary>The fake answers in Connecteam's shapes (reference A.8), so that tests built on it mean something.</summary>
public sealed class FakeConnecteamServerTests : IAsyncLifetime
{
    private FakeConnecteamServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeConnecteamServer.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        _http.DefaultRequestHeaders.Add("X-API-KEY", _server.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Users_NoQuery_ReturnsTheDefaultTenActiveUsers()
    {
        for (var id = 1; id <= 15; id++)
        {
            _server.AddUser(id, "A", "B", archived: id == 2);
        }

        var json = await GetJsonAsync("/users/v1/users");

        var users = json["data"]!["users"]!.AsArray();
        users.Count.ShouldBe(10);
        users.ShouldAllBe(u => !(bool)u!["isArchived"]!);
        ((int)json["paging"]!["offset"]!).ShouldBe(10);
    }

    [Fact]
    public async Task TimeActivities_RangeOver92Days_Returns422WithTheValidationDetail()
    {
        _server.AddClock(1, "Clock");

        var response = await _http.GetAsync("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-01&endDate=2024-06-30");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldBe(
            """{"detail":[{"loc":["query","endDate"],"msg":"date range exceeds 92 days","type":"value_error"}]}""");
    }

    [Fact]
    public async Task AnyPath_WithoutApiKey_Returns401()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };

        var response = await anonymous.GetAsync("/time-clock/v1/time-clocks");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _server.Requests.ShouldHaveSingleItem().HasApiKey.ShouldBeFalse();
    }

    [Fact]
    public async Task TimeActivities_OpenShiftAndIdleUser_OmitsEndAndListsEveryAssignedUser()
    {
        _server.AddClock(1, "Clock");
        _server.AssignUser(1, 8);
        _server.AddShift(1, 7, "open", new DateTime(2024, 1, 2, 14, 5, 0, DateTimeKind.Utc));

        var json = await GetJsonAsync("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02&endDate=2024-01-02");

        var entries = json["data"]!["timeActivitiesByUsers"]!.AsArray();
        entries.Select(e => (long)e!["userId"]!).ShouldBe([7L, 8L]);
        var shift = entries[0]!["shifts"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        shift.ContainsKey("end").ShouldBeFalse();
        ((long)shift["start"]!["timestamp"]!).ShouldBe(1704204300);
        entries[1]!["shifts"]!.AsArray().ShouldBeEmpty();
        entries[1]!["manualBreaks"]!.AsArray().ShouldBeEmpty();
        entries[1]!["timeOffs"]!.AsArray().ShouldBeEmpty();
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
