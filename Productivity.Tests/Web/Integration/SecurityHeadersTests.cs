using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Productivity.Core.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>
/// Security review issue 11, finding 12: the headers of a page, the anti-forgery cookie and a logout without a token.
/// The factory's environment is Testing, so what is checked here is the non-development pipeline.
/// </summary>
public sealed partial class SecurityHeadersTests : IDisposable
{
    private const string Password = "correct-horse-battery";
    private readonly ProductivityWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health/live")]
    public async Task AnyResponse_HasNoSniffAndReferrerPolicy(string path)
    {
        var response = await Client().GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
    }

    [Fact]
    public async Task Page_OverHttps_HasOneYearHsts()
    {
        var response = await Client().GetAsync("/Account/Login");

        response.Headers.GetValues("Strict-Transport-Security").ShouldBe(["max-age=31536000"]);
    }

    [Fact]
    public async Task StaticPage_HasOneContentSecurityPolicyThatAllowsItsImportMap()
    {
        var response = await Client().GetAsync("/Account/Login");

        AssertPolicy(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InteractivePage_HasOneContentSecurityPolicyThatAllowsItsImportMap()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = Client();
        await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password);

        var response = await client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        AssertPolicy(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AntiforgeryCookie_OverHttpsOutsideDevelopment_IsSecure()
    {
        var response = await Client().GetAsync("/Account/Login");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        cookie.ShouldContain("; secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsABadRequest()
    {
        var response = await Client().PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static void AssertPolicy(HttpResponseMessage response, string html)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

        var importMap = ImportMapScript().Match(html);
        importMap.Success.ShouldBeTrue("the page renders no import map");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups["json"].Value)));
        directives.ShouldBe(new Dictionary<string, string>
        {
            ["default-src"] = "'self'",
            ["script-src"] = $"'self' 'sha256-{hash}'",
            ["style-src"] = "'self' 'unsafe-inline'",
            ["img-src"] = "'self' data:",
            ["font-src"] = "'self' data:",
            ["connect-src"] = "'self'",
            ["frame-ancestors"] = "'self'",
            ["base-uri"] = "'self'",
            ["form-action"] = "'self'",
            ["object-src"] = "'none'",
        }, ignoreOrder: true);
        // The page's only inline script is the import map the policy names.
        InlineScript().Matches(html).Count.ShouldBe(1);
    }

    // HSTS is never sent for localhost, so the site is reached under a real-looking host name.
    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://productivity.example.com"),
    });

    [GeneratedRegex("<script type=\"importmap\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapScript();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
