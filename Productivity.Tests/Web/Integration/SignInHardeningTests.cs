using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Exports;
using Productivity.Tests.TestSupport;
using Productivity.Web.Exports;
using Productivity.Web.Realtime;

namespace Productivity.Tests.Web.Integration;

/// <summary>Sign-in, sign-out and forced password change as an attacker or a careless user would try them.</summary>
public sealed class SignInHardeningTests : IDisposable
{
    private const string Password = "correct-horse-battery";
    private readonly CountingPasswordHasher _hasher = new();
    private readonly ProductivityWebFactory _factory = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _site;

    public SignInHardeningTests() =>
        _site = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(_hasher)));

    public void Dispose()
    {
        _site.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task SignIn_UnknownEmail_RunsThePasswordHasherLikeAKnownOne()
    {
        await TestUsers.CreateAsync(_site.Services, "known@example.test", Password, Roles.Lead);
        var client = Client();
        await ProductivityWebFactory.SignInAsync(client, "warm-up@example.test", "wrong-password-1");

        var before = _hasher.Verifications;
        var unknown = await ProductivityWebFactory.SignInAsync(client, "nobody@example.test", "wrong-password-1");
        var afterUnknown = _hasher.Verifications;
        var known = await ProductivityWebFactory.SignInAsync(client, "known@example.test", "wrong-password-1");

        (afterUnknown - before).ShouldBe(1);
        (_hasher.Verifications - afterUnknown).ShouldBe(1);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Invalid sign-in attempt");
        (await known.Content.ReadAsStringAsync()).ShouldContain("Invalid sign-in attempt");
    }

    [Fact]
    public async Task SignIn_DisabledAccount_RunsThePasswordHasherToo()
    {
        var user = await TestUsers.CreateAsync(_site.Services, "disabled@example.test", Password, Roles.Lead);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUserAdministration>()
                .SetDisabledAsync(await TestPrincipals.AdminAsync(scope.ServiceProvider), user.Id, true);
        }
        var before = _hasher.Verifications;

        var response = await ProductivityWebFactory.SignInAsync(Client(), "disabled@example.test", Password);

        (_hasher.Verifications - before).ShouldBe(1);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Invalid sign-in attempt");
    }

    [Theory]
    [InlineData("known@example.test")]
    [InlineData("nobody@example.test")]
    public async Task SignIn_FiveFailures_ShowTheLockoutPage_WhetherOrNotTheAccountExists(string email)
    {
        await TestUsers.CreateAsync(_site.Services, "known@example.test", Password, Roles.Lead);
        var client = Client();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await ProductivityWebFactory.SignInAsync(client, email, $"wrong-password-{i}"));
        }

        responses.Take(4).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        responses[4].StatusCode.ShouldBe(HttpStatusCode.Redirect);
        responses[4].Headers.Location!.ToString().ShouldEndWith("Account/Lockout");
    }

    [Fact]
    public async Task SignInLockout_OfASignedInAdmin_LeavesTheirAdminPagesWorking()
    {
        await TestUsers.CreateAsync(_site.Services, "boss@example.test", Password, Roles.Admin);
        var admin = Client();
        (await ProductivityWebFactory.SignInAsync(admin, "boss@example.test", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var attacker = Client();

        for (var i = 0; i < 5; i++)
        {
            await ProductivityWebFactory.SignInAsync(attacker, "boss@example.test", $"guess-{i}-wrong");
        }

        foreach (var (path, title) in new[] { ("/admin/users", "Users"), ("/admin/audit", "Audit log"), ("/admin/sync", "Sync"), ("/admin/mappings", "Pending mappings") })
        {
            var response = await admin.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain(title, customMessage: path);
            html.ShouldNotContain("access-denied", customMessage: path);
        }
        (await ProductivityWebFactory.SignInAsync(Client(), "boss@example.test", Password)).Headers.Location!.ToString()
            .ShouldEndWith("Account/Lockout");
    }

    [Fact]
    public async Task SignIn_TooManyAttemptsForOneAccount_Answers429WithRetryAfter()
    {
        using var site = _factory.WithWebHostBuilder(b => b.UseSetting("Security:SignIn:AttemptsPerAccount", "3"));
        var client = site.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await ProductivityWebFactory.SignInAsync(client, "Target@example.test ", $"wrong-{i}-password")).StatusCode);
        }
        var limited = await ProductivityWebFactory.SignInAsync(client, "target@example.test", "wrong-password-x");
        var other = await ProductivityWebFactory.SignInAsync(client, "other@example.test", "wrong-password-x");

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneAddress_Answers429()
    {
        using var site = _factory.WithWebHostBuilder(b => b.UseSetting("Security:SignIn:AttemptsPerAddress", "2"));
        var client = site.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var statuses = new List<HttpStatusCode>();
        foreach (var email in new[] { "a@example.test", "b@example.test", "c@example.test" })
        {
            statuses.Add((await ProductivityWebFactory.SignInAsync(client, email, "wrong-password-1")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOut_ACookieSavedBefore_NoLongerWorks()
    {
        await TestUsers.CreateAsync(_site.Services, "manager@example.test", Password, Roles.Manager);
        var cookies = new System.Net.CookieContainer();
        var client = _site.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        (await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = cookies.GetCookieHeader(new Uri("https://localhost"));

        var logoutPage = await client.GetStringAsync("/Account/Logout");
        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(ProductivityWebFactory.HiddenInputs(logoutPage)));
        var replay = Client();
        replay.DefaultRequestHeaders.Add("Cookie", saved);
        var replayed = await replay.GetAsync("/");

        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task GeneratedPassword_ExportAndHub_AreRefusedUntilChanged()
    {
        string generated;
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            generated = (await scope.ServiceProvider.GetRequiredService<IUserAdministration>()
                .CreateAsync(await TestPrincipals.AdminAsync(scope.ServiceProvider), new NewUser("lead@example.test", null, [Roles.Lead]))).Password;
        }
        var client = Client();
        await ProductivityWebFactory.SignInAsync(client, "lead@example.test", generated);

        var export = await client.GetAsync($"{RangeExport.Scores.PathOf(ExportFormat.Csv)}?from=2025-12-10&to=2025-12-10");
        var negotiate = await client.PostAsync($"{DashboardHub.Path}/negotiate?negotiateVersion=1", null);
        var changePage = await client.GetAsync("/Account/Manage/ChangePassword");

        export.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        negotiate.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        changePage.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private HttpClient Client() => _site.CreateClient(new()
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
