using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Api;
using Productivity.Core.Security;

namespace Productivity.Tests.Web.Api;

/// <summary>
/// Every endpoint of the read API and its documents (read from the site's route table, so a new endpoint cannot be
/// forgotten) requested by anonymous callers, a cookie user of each role and a token of each scope for a user of each
/// role, against the access each must grant. The page matrix is AuthorizationMatrixTests.
/// </summary>
public sealed class ApiAuthorizationMatrixTests(ApiSite site) : IClassFixture<ApiSite>
{
    private const string Documents = "documents";
    private const string Public = "public";

    /// <summary>Per route: the scope it needs and the roles that may read it (or <see cref="Documents"/>: signed-in Admins by cookie).</summary>
    private static readonly Dictionary<string, (ApiScopes Scope, string[] Roles)> Access = new(StringComparer.Ordinal)
    {
        ["/api/v1/employees"] = (ApiScopes.ReadScores, [Roles.Admin, Roles.Manager, Roles.Lead]),
        ["/api/v1/scores"] = (ApiScopes.ReadScores, [Roles.Admin, Roles.Manager]),
        ["/api/v1/employees/{employeeId}/days/{day}"] = (ApiScopes.ReadScores, [Roles.Admin, Roles.Manager, Roles.Lead]),
        ["/api/v1/sync-runs"] = (ApiScopes.ReadScores, [Roles.Admin]),
        ["/api/v1/costs"] = (ApiScopes.ReadCosts, [Roles.Admin, Roles.Manager]),
        ["/openapi/{documentName}.json"] = (ApiScopes.None, [Documents]),
        ["/api/reference/{documentName?}"] = (ApiScopes.None, [Documents]),
        // Scalar's own icon, a public static file like the site's.
        ["/api/reference/favicon.svg"] = (ApiScopes.None, [Public]),
    };

    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["/api/v1/scores"] = "/api/v1/scores?from=2025-12-01&to=2025-12-02",
        ["/api/v1/costs"] = "/api/v1/costs?from=2025-12-01&to=2025-12-02",
        ["/api/v1/employees/{employeeId}/days/{day}"] = "/api/v1/employees/{employee}/days/2025-12-02",
        ["/openapi/{documentName}.json"] = "/openapi/v1.json",
        ["/api/reference/{documentName?}"] = "/api/reference/v1",
    };

    public static IEnumerable<object[]> Cases() =>
        from route in Access.Keys
        from caller in Callers()
        select new object[] { route, caller };

    private static IEnumerable<string> Callers() =>
        new[] { ApiSite.Anonymous }
            .Concat(Roles.All.Select(r => $"cookie:{r}"))
            .Concat(from r in Roles.All from s in new[] { ApiScopes.ReadScores, ApiScopes.ReadCosts } select $"token:{r}:{s}");

    [Fact]
    public void Matrix_CoversEveryApiAndDocumentEndpoint()
    {
        var routes = site.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => (r.StartsWith("/api/", StringComparison.Ordinal) || r.StartsWith("/openapi/", StringComparison.Ordinal))
                && !r.EndsWith("{**rest}", StringComparison.Ordinal) && !r.EndsWith(".js", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        routes.Where(r => !Access.ContainsKey(r)).ShouldBeEmpty("These endpoints have no expected access in the API matrix");
        Access.Keys.Where(r => !routes.Contains(r)).ShouldBeEmpty("These matrix rows name endpoints that no longer exist");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_Caller_GetsExpectedAccess(string route, string caller)
    {
        var (scope, roles) = Access[route];
        var url = Samples.GetValueOrDefault(route, route).Replace("{employee}", site.EmployeeIds[1].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var parts = caller.Split(':');
        var client = parts[0] switch
        {
            "cookie" => site.Cookie(parts[1]),
            "token" => site.WithToken(parts[1], Enum.Parse<ApiScopes>(parts[2])),
            _ => site.Cookie(ApiSite.Anonymous),
        };

        var response = await client.GetAsync(url);

        if (roles.Contains(Public))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{caller} on {url}");
            return;
        }
        if (roles.Contains(Documents))
        {
            // The documents are for a signed-in Admin's browser: tokens are not read there.
            if (caller == $"cookie:{Roles.Admin}")
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{caller} on {url}");
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{caller} on {url}");
                response.Headers.Location!.AbsolutePath.ShouldBe(parts[0] == "cookie" ? "/Account/AccessDenied" : "/Account/Login");
            }
            return;
        }
        var expected = parts[0] != "token" ? HttpStatusCode.Unauthorized
            : Enum.Parse<ApiScopes>(parts[2]) != scope || !roles.Contains(parts[1]) ? HttpStatusCode.Forbidden
            : HttpStatusCode.OK;
        response.StatusCode.ShouldBe(expected, $"{caller} on {url}: {await response.Content.ReadAsStringAsync()}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json");
    }

    [Fact]
    public async Task OpenApiDocument_ForAnAdmin_ListsEveryApiEndpointAndNothingElse()
    {
        var response = await site.Cookie(Roles.Admin).GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        paths.ShouldBe(Access.Keys.Where(k => k.StartsWith("/api/v1/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
        var scores = json.RootElement.GetProperty("paths").GetProperty("/api/v1/scores").GetProperty("get");
        var item = scores.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties");
        string.Join(',', item.EnumerateObject().Select(p => p.Name)).ShouldBe(Productivity.Infrastructure.Scoring.ScoreExport.Header);
        json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString()
            .ShouldBe("bearer");
    }

    [Fact]
    public async Task ReferencePage_ForAnAdmin_LoadsTheDocument()
    {
        var response = await site.Cookie(Roles.Admin).GetAsync("/api/reference/v1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("openapi/v1.json");
        // Its one inline script is allowed by its hash, not by 'unsafe-inline'.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        scripts.ShouldMatch("^script-src 'self' 'sha256-[A-Za-z0-9+/=]+'$");
        foreach (var asset in new[] { "/api/reference/scalar.js", "/api/reference/scalar.aspnetcore.js" })
        {
            var script = await site.Cookie(Roles.Admin).GetAsync(asset);
            script.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
            script.Content.Headers.ContentType!.MediaType!.ShouldContain("javascript");
        }
    }
}
