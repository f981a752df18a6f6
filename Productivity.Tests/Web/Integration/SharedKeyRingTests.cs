using System.Net;
using System.Text.Json;
using Productivity.Core.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>Two nodes sharing the database and Redis: a cookie issued by one is accepted by the other.</summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private const string Password = "shared-keyring-password";
    private readonly TempFolder _sharedData = new();
    private readonly ProductivityWebFactory _nodeA;
    private readonly ProductivityWebFactory _nodeB;

    public SharedKeyRingTests()
    {
        // Redis prefixes keys by application name only, so use a fresh Redis database per run of this test.
        var redis = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"{TestEnvironment.Redis},defaultDatabase=3" };
        _nodeA = new ProductivityWebFactory(redis, _sharedData.Path);
        _nodeB = new ProductivityWebFactory(redis, _sharedData.Path);
    }

    public void Dispose()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        _sharedData.Dispose();
    }

    [Fact]
    public async Task Cookie_IssuedByNodeA_IsAcceptedByNodeB()
    {
        await _nodeA.CreateUserAsync("manager-keyring@example.test", Password, Roles.Manager);
        var cookie = await SignInForCookieAsync(_nodeA, "manager-keyring@example.test");
        var nodeB = _nodeB.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await nodeB.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_WithRedis_ReportsRedisHealthy()
    {
        var body = await _nodeA.CreateBrowserClient().GetStringAsync("/health/ready");
        var redis = JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "redis");

        redis.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private static async Task<string> SignInForCookieAsync(ProductivityWebFactory node, string email)
    {
        var client = node.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        var page = await client.GetAsync("/Account/Login");
        var antiforgery = CookiePairs(page);
        var fields = ProductivityWebFactory.HiddenInputs(await page.Content.ReadAsStringAsync());
        fields["Input.Email"] = email;
        fields["Input.Password"] = Password;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return CookiePairs(response);
    }

    private static string CookiePairs(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}
