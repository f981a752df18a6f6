using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Displays;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;
using Productivity.Web.Security;

namespace Productivity.Tests.Web.Integration;

/// <summary>The shop-floor page over HTTP: device-token sign-in, refusals, revocation, and what a display may reach.</summary>
public sealed class FloorDisplayTests : IAsyncLifetime
{
    private readonly ProductivityWebFactory _factory = new();

    public async Task InitializeAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<SiteClock>();
        var now = DateTime.UtcNow;
        var today = clock.BusinessDayOf(now);
        var start = clock.UtcRangeOf(today).StartUtc.AddMinutes(1);
        await FloorTestData.AddEmployeeDayAsync(db, "Ana Lopez", today, start, 40.5, 60, [("Picking", 90), ("QC Passed", 12)], now.AddMinutes(-1));
        await FloorTestData.AddEmployeeDayAsync(db, "Ben Ng", today, start, 75.25, 90, [("In Production", 50)]);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Floor_NoTokenNoCookie_RedirectsToSignInWithoutData()
    {
        var response = await Client().GetAsync("/floor");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Ana Lopez");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Floor_UnknownOrMalformedToken_Returns401WithoutData(string token)
    {
        var response = await Client().GetAsync($"/floor?token={token}");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("display-refused");
        body.ShouldNotContain("Ana Lopez");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Floor_RevokedToken_Returns401WithoutData()
    {
        var created = await CreateDisplayAsync("Packing TV");
        await RevokeAsync(created.Display.Id);

        var response = await Client().GetAsync($"/floor?token={created.Token}");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Ana Lopez");
    }

    [Fact]
    public async Task Floor_ValidToken_SignsInRedirectsWithoutTokenAndShowsLeaderboard()
    {
        var created = await CreateDisplayAsync("Packing TV");
        var client = Client();

        var signIn = await client.GetAsync($"/floor?token={created.Token}");
        var page = await client.GetAsync("/floor");

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldBe("/floor");
        signIn.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(DisplayAuthentication.CookieName + "=", StringComparison.Ordinal));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"floor-leaderboard\"");
        html.IndexOf("Ben Ng", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("Ana Lopez", StringComparison.Ordinal));
        html.ShouldContain("data-clocked-in=\"true\"");
    }

    [Fact]
    public async Task Floor_DisplayRevokedAfterSignIn_NextRequestGets401()
    {
        var created = await CreateDisplayAsync("Packing TV");
        var client = Client();
        await client.GetAsync($"/floor?token={created.Token}");
        (await client.GetAsync("/floor")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await RevokeAsync(created.Display.Id);
        var response = await client.GetAsync("/floor");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Ana Lopez");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/employees")]
    [InlineData("/admin/displays")]
    [InlineData("/Account/Manage/ChangePassword")]
    public async Task Display_OtherPages_AreNotOpened(string path)
    {
        var created = await CreateDisplayAsync("Packing TV");
        var client = Client();
        await client.GetAsync($"/floor?token={created.Token}");

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task Floor_SignIn_RecordsLastSeen()
    {
        var created = await CreateDisplayAsync("Packing TV");

        await Client().GetAsync($"/floor?token={created.Token}");

        await using var scope = _factory.Services.CreateAsyncScope();
        var displays = await scope.ServiceProvider.GetRequiredService<DisplayDeviceService>().ListAsync(await TestPrincipals.AdminAsync(_factory.Services));
        displays.ShouldHaveSingleItem().LastSeenUtc.ShouldNotBeNull();
    }

    private HttpClient Client() =>
        _factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(new CookieContainer()));

    private async Task<CreatedDisplay> CreateDisplayAsync(string name)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DisplayDeviceService>().CreateAsync(await TestPrincipals.AdminAsync(_factory.Services), name);
    }

    private async Task RevokeAsync(int id)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DisplayDeviceService>().RevokeAsync(await TestPrincipals.AdminAsync(_factory.Services), id);
    }
}
