using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Productivity.Core.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>
/// Every routable page of the app (read from its own route attributes, so a new page cannot be forgotten)
/// requested by anonymous, Admin, Manager and Lead callers, against the access each page must grant.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.SignedInClients clients)
    : IClassFixture<AuthorizationMatrixTests.SignedInClients>
{
    private const string Anonymous = "Anonymous";
    private const string Public = "public";
    private const string SignedIn = "signed-in";

    /// <summary>Who may open each page: public, any signed-in user, or a list of roles.</summary>
    private static readonly Dictionary<string, string[]> Access = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/"] = [Roles.Admin, Roles.Manager, Roles.Lead],
        ["/employees"] = [Roles.Admin, Roles.Manager, Roles.Lead],
        ["/admin/users"] = [Roles.Admin],
        ["/admin/sync"] = [Roles.Admin],
        ["/Account/Login"] = [Public],
        ["/Account/Logout"] = [Public],
        ["/Account/Lockout"] = [Public],
        ["/Account/AccessDenied"] = [Public],
        ["/Account/Manage/ChangePassword"] = [SignedIn],
        ["/Error"] = [Public],
        ["/not-found"] = [Public],
        ["/floor"] = [Roles.Admin, Roles.Manager],
        ["/admin/displays"] = [Roles.Admin],
    };

    public static IEnumerable<object[]> Cases() =>
        from route in AppRoutes()
        from caller in new[] { Anonymous, Roles.Admin, Roles.Manager, Roles.Lead }
        select new object[] { route, caller };

    [Fact]
    public void Matrix_CoversEveryRoutablePage()
    {
        var missing = AppRoutes().Where(r => !Access.ContainsKey(r)).ToList();
        var stale = Access.Keys.Where(r => !AppRoutes().Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();

        missing.ShouldBeEmpty("These pages have no expected access in the authorization matrix");
        stale.ShouldBeEmpty("These matrix rows name pages that no longer exist");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_Caller_GetsExpectedAccess(string route, string caller)
    {
        var rule = Access[route];
        var allowed = rule.Contains(Public) || (caller != Anonymous && (rule.Contains(SignedIn) || rule.Contains(caller)));

        var response = await clients.For(caller).GetAsync(route);

        if (allowed)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{caller} should open {route}");
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{caller} must not open {route}");
            response.Headers.Location!.AbsolutePath.ShouldBe(caller == Anonymous ? "/Account/Login" : "/Account/AccessDenied");
        }
    }

    private static List<string> AppRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();

    public sealed class SignedInClients : IAsyncLifetime
    {
        private const string Password = "matrix-test-password";
        private readonly ProductivityWebFactory _factory = new();
        private readonly Dictionary<string, HttpClient> _clients = [];

        public HttpClient For(string caller) => _clients[caller];

        public async Task InitializeAsync()
        {
            _clients[Anonymous] = _factory.CreateBrowserClient();
            foreach (var role in Roles.All)
            {
                var email = $"{role.ToLowerInvariant()}-matrix@example.test";
                await _factory.CreateUserAsync(email, Password, role);
                var client = _factory.CreateBrowserClient();
                (await ProductivityWebFactory.SignInAsync(client, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
                _clients[role] = client;
            }
        }

        public Task DisposeAsync()
        {
            _factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
