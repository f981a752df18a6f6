using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.Security;
using Productivity.Infrastructure.Persistence;
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
        ["/admin/tokens"] = [Roles.Admin],
        ["/employees/{id:int}"] = [Roles.Admin, Roles.Manager, Roles.Lead],
        ["/employees/{id:int}/days/{day}"] = [Roles.Admin, Roles.Manager, Roles.Lead],
        ["/admin/mappings"] = [Roles.Admin],
        ["/admin/roles"] = [Roles.Admin],
        ["/admin/alerts"] = [Roles.Admin],
        ["/admin/audit"] = [Roles.Admin],
        ["/exceptions"] = [Roles.Admin, Roles.Manager],
        ["/costs"] = [Roles.Admin, Roles.Manager],
        ["/profile/email"] = [Roles.Admin, Roles.Manager, Roles.Lead],
        ["/alerts"] = [Roles.Admin, Roles.Manager, Roles.Lead],
    };

    /// <summary>Concrete URLs for parameterised routes: <c>{employee}</c> becomes the id of the employee the fixture seeds.</summary>
    private static readonly Dictionary<string, string> RouteSamples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/employees/{id:int}"] = "/employees/{employee}",
        ["/employees/{id:int}/days/{day}"] = "/employees/{employee}/days/2025-12-10",
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

        var response = await clients.For(caller).GetAsync(clients.Url(route));

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

    [Theory]
    [InlineData("/employees/999999")]
    [InlineData("/employees/999999/days/2025-12-10")]
    [InlineData("/employees/{employee}/days/not-a-date")]
    [InlineData("/employees/{employee}/days/2025-02-30")]
    public async Task EmployeePages_RecordThatDoesNotExist_NotFound(string url)
    {
        var response = await clients.For(Roles.Lead).GetAsync(clients.Url(url));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Not found");
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

        public int EmployeeId { get; private set; }

        public HttpClient For(string caller) => _clients[caller];

        public string Url(string route) =>
            RouteSamples.GetValueOrDefault(route, route).Replace("{employee}", EmployeeId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        public async Task InitializeAsync()
        {
            await using (var scope = _factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
                var employee = new Employee { Name = "Matrix Employee" };
                db.Employees.Add(employee);
                await db.SaveChangesAsync();
                EmployeeId = employee.Id;
            }
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
