using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Api;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Api;

/// <summary>
/// The whole site in memory with a month of scores (40 employees × 5 days, some with a pay rate), a user of each role
/// signed in with a cookie, and for each of them a token of each scope, created through Admin → API tokens' service.
/// </summary>
public sealed class ApiSite : IAsyncLifetime
{
    public const string Anonymous = "Anonymous";
    public const string Password = "api-test-password-1";
    public static readonly DateOnly First = new(2025, 12, 1);
    public static readonly DateOnly Last = new(2025, 12, 5);
    public const int Employees = 40;

    private readonly Dictionary<string, HttpClient> _cookies = [];
    private readonly Dictionary<(string Role, ApiScopes Scope), string> _tokens = [];

    public ProductivityWebFactory Factory { get; } =
        new(new Dictionary<string, string?> { ["Security:Api:RequestsPerToken"] = "1000000" });

    public List<int> EmployeeIds { get; } = [];

    public Dictionary<string, string> UserIds { get; } = [];

    /// <summary>A browser client signed in as a user of <paramref name="role"/>, or anonymous.</summary>
    public HttpClient Cookie(string role) => _cookies[role];

    public string Token(string role, ApiScopes scope) => _tokens[(role, scope)];

    /// <summary>A client with no cookies that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient WithToken(string role, ApiScopes scope) => WithToken(Token(role, scope));

    public async Task<string> CreateTokenAsync(string userId, ApiScopes scopes, int days = 30)
    {
        var admin = await TestPrincipals.AdminAsync(Factory.Services);
        var created = await Factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(admin, userId, "test", scopes, days);
        return created.Secret;
    }

    public async Task InitializeAsync()
    {
        _cookies[Anonymous] = Factory.CreateBrowserClient();
        foreach (var role in Roles.All)
        {
            var email = $"{role.ToLowerInvariant()}-api@example.test";
            var user = await Factory.CreateUserAsync(email, Password, role);
            UserIds[role] = user.Id;
            var client = Factory.CreateBrowserClient();
            (await ProductivityWebFactory.SignInAsync(client, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            _cookies[role] = client;
            foreach (var scope in new[] { ApiScopes.ReadScores, ApiScopes.ReadCosts, ApiScopes.ReadScores | ApiScopes.ReadCosts })
            {
                _tokens[(role, scope)] = await CreateTokenAsync(user.Id, scope);
            }
        }
        await SeedScoresAsync();
    }

    private async Task SeedScoresAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var random = new Random(16);
        for (var i = 0; i < Employees; i++)
        {
            // Names out of id order, so the export's order (day, name) and the API's (day, id) differ.
            var employee = new Employee { Name = $"{(char)('Z' - (i % 26))}. Person {i:D2}", ConnecteamUserId = i % 3 == 0 ? null : 9_000_000 + i };
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            EmployeeIds.Add(employee.Id);
            for (var day = First; day <= Last; day = day.AddDays(1))
            {
                if ((i + day.Day) % 7 == 0)
                {
                    continue; // a day off: no row
                }
                var clocked = Math.Round(300 + (random.NextDouble() * 240), 2);
                var idle = Math.Round(random.NextDouble() * 120, 2);
                var standard = Math.Round(random.NextDouble() * 400, 2);
                db.DailyScores.Add(new DailyScore
                {
                    EmployeeId = employee.Id,
                    BusinessDay = day,
                    Items = random.Next(0, 900),
                    Points = Math.Round(random.NextDouble() * 500, 2),
                    ClockedMinutes = clocked,
                    ActiveMinutes = Math.Round(clocked - idle, 2),
                    IdleMinutes = idle,
                    Utilization = Math.Round((clocked - idle) / clocked, 4),
                    StandardMinutes = standard,
                    Performance = i % 5 == 0 ? null : Math.Round(standard / (clocked - idle), 4),
                    PrimaryRole = i % 4 == 0 ? null : "Picker",
                    UnclockedItems = i % 6,
                    UnclockedWindows = i % 2,
                    Sessions = 1,
                    PaidMinutes = clocked,
                    HourlyRate = i % 3 == 0 ? null : 18.5m + i,
                });
            }
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        foreach (var client in _cookies.Values)
        {
            client.Dispose();
        }
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
