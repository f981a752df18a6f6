using System.Net;
using System.Text.Json.Nodes;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// The fake answers in Connecteam's shapes (reference A.8) and is as strict as its documentation (A.3), so that tests
/// built on it mean something.
/// </summary>
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
    public async Task TimeActivities_RangeOver90Days_Returns422WithTheValidationDetail()
    {
        _server.AddClock(1, "Clock");

        var response = await _http.GetAsync("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-01&endDate=2024-03-31");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldBe(
            """{"detail":[{"loc":["query","endDate"],"msg":"date range exceeds 90 days","type":"value_error"}]}""");
        (await _http.GetAsync("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-01&endDate=2024-03-30"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/users/v1/users?limit=500&page=2", "page", "extra_forbidden")]
    [InlineData("/users/v1/users?Limit=500", "Limit", "extra_forbidden")]
    [InlineData("/users/v1/users?userIds[]=1", "userIds[]", "extra_forbidden")]
    [InlineData("/users/v1/users?limit=0", "limit", "value_error")]
    [InlineData("/users/v1/users?limit=501", "limit", "value_error")]
    [InlineData("/users/v1/users?limit=ten", "limit", "value_error")]
    [InlineData("/users/v1/users?limit=10&limit=20", "limit", "type_error")]
    [InlineData("/users/v1/users?offset=-1", "offset", "value_error")]
    [InlineData("/users/v1/users?sort=name", "sort", "value_error")]
    [InlineData("/users/v1/users?sort=created_at&order=ascending", "order", "value_error")]
    [InlineData("/users/v1/users?userStatus=deleted", "userStatus", "value_error")]
    [InlineData("/users/v1/users?userIds=1&userIds=x", "userIds", "value_error")]
    [InlineData("/users/v1/users?modifiedAt=2024-01-01", "modifiedAt", "value_error")]
    [InlineData("/users/v1/users?emailAddresses=", "emailAddresses", "value_error")]
    [InlineData("/time-clock/v1/time-clocks?limit=10", "limit", "extra_forbidden")]
    [InlineData("/time-clock/v1/time-clocks/1/manual-breaks?offset=0", "offset", "extra_forbidden")]
    [InlineData("/me?verbose=1", "verbose", "extra_forbidden")]
    [InlineData("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02&endDate=2024-01-02&limit=100", "limit", "extra_forbidden")]
    [InlineData("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02", "endDate", "missing")]
    [InlineData("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-1-2&endDate=2024-01-02", "startDate", "value_error")]
    [InlineData("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02&endDate=2024-01-02&activityTypes=break", "activityTypes", "value_error")]
    [InlineData("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02&endDate=2024-01-02&userIds=me", "userIds", "value_error")]
    public async Task AnyEndpoint_UndocumentedParameterOrInvalidValue_Returns422NamingIt(string path, string parameter, string type)
    {
        _server.AddClock(1, "Clock");

        var response = await _http.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.AsArray().ShouldHaveSingleItem()!;
        detail["loc"]!.AsArray().Select(n => (string)n!).ShouldBe(["query", parameter]);
        ((string)detail["type"]!).ShouldBe(type);
        ((string)detail["msg"]!).ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task AnyEndpoint_EveryDocumentedParameter_IsAccepted()
    {
        _server.AddClock(1, "Clock");

        (await _http.GetAsync("/users/v1/users?limit=500&offset=0&sort=created_at&order=desc&userIds=1&userIds=2&userStatus=all" +
            "&fullNames=Ana%20Lopez&phoneNumbers=%2B15550000001&emailAddresses=ana%40example.test" +
            "&createdAt=0&modifiedAt=0&lastLogin=0&archivedAt=0")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _http.GetAsync("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02&endDate=2024-01-02" +
            "&userIds=1&jobIds=j&manualBreakIds=brk-lunch&policyTypeIds=p&activityTypes=shift&activityTypes=manual_break&activityTypes=time_off"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _http.GetAsync("/time-clock/v1/time-clocks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _http.GetAsync("/time-clock/v1/time-clocks/1/manual-breaks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Users_WithoutSort_ComeInADifferentOrderOnEveryRequest()
    {
        AddUsers(50);

        var first = await UserIdsAsync("/users/v1/users?limit=50");
        var second = await UserIdsAsync("/users/v1/users?limit=50");

        first.ShouldBe(second, ignoreOrder: true);
        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task Users_PagedWithoutSort_LosesAndRepeatsUsers()
    {
        AddUsers(1200);

        var seen = new List<long>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await UserIdsAsync($"/users/v1/users?limit=500&offset={offset}&userStatus=all");
            seen.AddRange(page);
            if (page.Count < 500)
            {
                break;
            }
        }

        // Every page is full-sized and the sizes add up, yet the pages overlap: what a client without sort would get.
        seen.Count.ShouldBe(1200);
        seen.Distinct().Count().ShouldBeLessThan(1200);
    }

    [Fact]
    public async Task Users_SortedByCreatedAt_AreOrderedByCreatedAtThenUserIdInEitherDirection()
    {
        _server.AddUser(30, "A", "B", createdAt: 1_700_000_100);
        _server.AddUser(10, "A", "B", createdAt: 1_700_000_200);
        _server.AddUser(20, "A", "B", createdAt: 1_700_000_100);
        _server.AddUser(40, "A", "B", createdAt: 1_700_000_000, archived: true);

        var ascending = await UserIdsAsync("/users/v1/users?sort=created_at&order=asc&userStatus=all");
        var descending = await UserIdsAsync("/users/v1/users?sort=created_at&order=desc&userStatus=all");
        var pages = await UserIdsAsync("/users/v1/users?sort=created_at&limit=2");
        var rest = await UserIdsAsync("/users/v1/users?sort=created_at&limit=2&offset=2");

        ascending.ShouldBe([40L, 20L, 30L, 10L]);
        descending.ShouldBe([10L, 30L, 20L, 40L]);
        pages.Concat(rest).ShouldBe([20L, 30L, 10L]);
    }

    [Fact]
    public async Task Users_Filters_SelectByIdNameAndCreation()
    {
        _server.AddUser(1, "Ana", "Lopez", "ana@example.test", createdAt: 1_700_000_000);
        _server.AddUser(2, "Ben", "Ng", "ben@example.test", createdAt: 1_700_000_100);
        _server.AddUser(3, "Cy", "Park", createdAt: 1_700_000_200, archived: true);

        (await UserIdsAsync("/users/v1/users?userIds=1&userIds=3&userStatus=all")).ShouldBe([1L, 3L], ignoreOrder: true);
        (await UserIdsAsync("/users/v1/users?fullNames=ben%20ng")).ShouldBe([2L]);
        (await UserIdsAsync("/users/v1/users?emailAddresses=ANA%40example.test")).ShouldBe([1L]);
        (await UserIdsAsync("/users/v1/users?createdAt=1700000100&userStatus=all")).ShouldBe([2L, 3L], ignoreOrder: true);
        (await UserIdsAsync("/users/v1/users?userStatus=archived")).ShouldBe([3L]);
    }

    [Fact]
    public async Task TimeActivities_UserAndTypeFilters_NarrowTheEntriesAndLists()
    {
        _server.AddClock(1, "Clock");
        _server.AssignUser(1, 8);
        _server.AddShift(1, 7, "s-7", new DateTime(2024, 1, 2, 14, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2, 18, 0, 0, DateTimeKind.Utc));
        _server.AddBreak(1, 7, "b-7", new DateTime(2024, 1, 2, 16, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2, 16, 30, 0, DateTimeKind.Utc));
        const string day = "startDate=2024-01-02&endDate=2024-01-02";

        var onlyUser7 = (await GetJsonAsync($"/time-clock/v1/time-clocks/1/time-activities?{day}&userIds=7"))["data"]!["timeActivitiesByUsers"]!.AsArray();
        var onlyBreaks = (await GetJsonAsync($"/time-clock/v1/time-clocks/1/time-activities?{day}&activityTypes=manual_break"))["data"]!["timeActivitiesByUsers"]!.AsArray();

        onlyUser7.Select(e => (long)e!["userId"]!).ShouldBe([7L]);
        onlyBreaks.Select(e => (long)e!["userId"]!).ShouldBe([7L, 8L]);
        onlyBreaks[0]!["shifts"]!.AsArray().ShouldBeEmpty();
        ((string)onlyBreaks[0]!["manualBreaks"]!.AsArray().ShouldHaveSingleItem()!["manualBreakId"]!).ShouldBe("brk-lunch");
    }

    [Fact]
    public async Task TimeActivities_UserLeftOut_IsMissingWithTheirShifts()
    {
        _server.AddClock(1, "Clock");
        _server.AssignUser(1, 8);
        _server.AddShift(1, 7, "s-7", new DateTime(2024, 1, 2, 14, 0, 0, DateTimeKind.Utc));
        _server.LeaveOutUser(1, 7);

        var json = await GetJsonAsync("/time-clock/v1/time-clocks/1/time-activities?startDate=2024-01-02&endDate=2024-01-02");

        json["data"]!["timeActivitiesByUsers"]!.AsArray().Select(e => (long)e!["userId"]!).ShouldBe([8L]);
    }

    [Fact]
    public async Task ManualBreaks_ListTheClocksBreakTypesOr404ForAnUnknownClock()
    {
        _server.AddClock(1, "Clock");
        _server.AddClock(2, "Other");
        _server.SetBreakTypes(2, ("brk-rest", "Rest", true));

        var defaults = await GetJsonAsync("/time-clock/v1/time-clocks/1/manual-breaks");
        var set = await GetJsonAsync("/time-clock/v1/time-clocks/2/manual-breaks");
        var unknown = await _http.GetAsync("/time-clock/v1/time-clocks/3/manual-breaks");

        var lunch = defaults["data"]!["manualBreaks"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)lunch["id"]!, (string)lunch["name"]!, (bool)lunch["isPaid"]!).ShouldBe(("brk-lunch", "Lunch", false));
        ((string)set["data"]!["manualBreaks"]!.AsArray().ShouldHaveSingleItem()!["id"]!).ShouldBe("brk-rest");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
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

    private void AddUsers(int count)
    {
        for (var id = 1; id <= count; id++)
        {
            _server.AddUser(id, "A", "B");
        }
    }

    private async Task<List<long>> UserIdsAsync(string path) =>
        [.. (await GetJsonAsync(path))["data"]!["users"]!.AsArray().Select(u => (long)u!["userId"]!)];

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
