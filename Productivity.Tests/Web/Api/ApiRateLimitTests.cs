using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Api;
using Productivity.Core.Security;
using Productivity.Infrastructure.Api;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Api;

/// <summary>The API's per-token limit shared by two nodes through Redis, and the webhook's per-address limit.</summary>
public sealed class ApiRateLimitTests : IDisposable
{
    private readonly TempFolder _sharedData = new();
    private readonly List<ProductivityWebFactory> _factories = [];

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
        _sharedData.Dispose();
    }

    [Fact]
    public async Task Api_TwoNodesSharingRedis_RefuseTheTokenAfterTheLimitInTotal_With429AndRetryAfter()
    {
        // One database and one Redis, as two nodes behind a proxy. The token's budget is 6 a minute in total.
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"{TestEnvironment.Redis},defaultDatabase=4",
            ["Security:Api:RequestsPerToken"] = "6",
            ["Security:Api:WindowSeconds"] = "60",
        };
        var nodeA = Node(settings, _sharedData.Path);
        var nodeB = Node(settings, _sharedData.Path);
        var user = await nodeA.CreateUserAsync("limited-api@example.test", ApiSite.Password, Roles.Manager);
        var admin = await TestPrincipals.AdminAsync(nodeA.Services);
        var token = (await nodeA.Services.GetRequiredService<ApiTokenService>().CreateAsync(admin, user.Id, "limited", ApiScopes.ReadScores, 1)).Secret;
        var other = (await nodeA.Services.GetRequiredService<ApiTokenService>().CreateAsync(admin, user.Id, "other", ApiScopes.ReadScores, 1)).Secret;
        var clients = new[] { Client(nodeA, token), Client(nodeB, token) };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await clients[i % 2].GetAsync("/api/v1/employees")).StatusCode);
        }
        var refusedOnA = await clients[0].GetAsync("/api/v1/employees");
        var refusedOnB = await clients[1].GetAsync("/api/v1/employees");
        var otherToken = await Client(nodeB, other).GetAsync("/api/v1/employees");

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        foreach (var refused in new[] { refusedOnA, refusedOnB })
        {
            await ReadApiTests.ShouldBeProblemAsync(refused, HttpStatusCode.TooManyRequests, "Too many requests with this token");
            int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        }
        otherToken.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Webhook_PerClientAddress_RefusedWith429AfterTheLimit()
    {
        var node = Node(new Dictionary<string, string?> { ["Security:Webhook:RequestsPerAddress"] = "3" }, null);
        var client = node.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsync("/webhooks/connecteam/not-the-token", new StringContent("{}"))).StatusCode);
        }
        var refused = await client.PostAsync("/webhooks/connecteam/not-the-token", new StringContent("{}"));

        // Without a configured webhook token every call is 404, until the address has used its budget.
        statuses.ShouldAllBe(s => s == HttpStatusCode.NotFound);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").ShouldBeTrue();
    }

    [Fact]
    public async Task Api_WithoutAWellFormedToken_IsLimitedPerClientAddress()
    {
        var node = Node(new Dictionary<string, string?> { ["Security:Api:RequestsPerToken"] = "2" }, null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // A new guess each time: still one budget, the address's.
            statuses.Add((await Client(node, $"guess-{i}").GetAsync("/api/v1/employees")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
    }

    private ProductivityWebFactory Node(Dictionary<string, string?> settings, string? dataFolder)
    {
        var factory = new ProductivityWebFactory(settings, dataFolder);
        _factories.Add(factory);
        _ = factory.Services; // started in order: the first applies the migrations
        return factory;
    }

    private static HttpClient Client(ProductivityWebFactory node, string token)
    {
        var client = node.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
