using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

public sealed class IdentityFlowTests : IDisposable
{
    private const string Password = "correct-horse-battery";
    private readonly ProductivityWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignIn_RightPassword_RedirectsAndOpensDashboard()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        var response = await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password);
        var dashboard = await client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"dashboard-title\"");
    }

    [Fact]
    public async Task SignIn_Cookie_IsHttpOnlySecureAndLax()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        var response = await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Productivity.Auth=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldNotContain("expires=", Case.Insensitive);
    }

    [Fact]
    public async Task SignIn_RememberMe_IssuesFourteenDayCookie()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        var response = await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password, rememberMe: true);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Productivity.Auth=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(cookie.Split(';').Select(p => p.Trim())
            .Single(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        (expires - DateTimeOffset.UtcNow).TotalDays.ShouldBeInRange(13.9, 14.1);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnLoginWithError()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        var response = await ProductivityWebFactory.SignInAsync(client, "manager@example.test", "wrong-password-123");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Invalid sign-in attempt");
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_FiveFailures_LocksOutEvenTheRightPassword()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        for (var i = 0; i < 5; i++)
        {
            await ProductivityWebFactory.SignInAsync(client, "manager@example.test", $"wrong-password-{i}");
        }
        var response = await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldEndWith("Account/Lockout");
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var end = (await users.FindByEmailAsync("manager@example.test"))!.LockoutEnd!.Value;
        (end - DateTimeOffset.UtcNow).TotalMinutes.ShouldBeInRange(14, 15.1);
    }

    [Fact]
    public async Task DisabledUser_OpenSession_IsSignedOutAndCannotSignInAgain()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();
        await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var admin = await TestPrincipals.AdminAsync(scope.ServiceProvider);
            var target = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("manager@example.test");
            await scope.ServiceProvider.GetRequiredService<IUserAdministration>().SetDisabledAsync(admin, target!.Id, true);
        }
        var afterDisable = await client.GetAsync("/");
        var again = await ProductivityWebFactory.SignInAsync(_factory.CreateBrowserClient(), "manager@example.test", Password);

        afterDisable.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterDisable.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await again.Content.ReadAsStringAsync()).ShouldContain("Invalid sign-in attempt");
    }

    [Fact]
    public async Task GeneratedPassword_SignIn_ForcesPasswordChangeFirst()
    {
        string generated;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var admin = await TestPrincipals.AdminAsync(scope.ServiceProvider);
            generated = (await scope.ServiceProvider.GetRequiredService<IUserAdministration>()
                .CreateAsync(admin, new NewUser("lead@example.test", "Lead", [Roles.Lead]))).Password;
        }
        var client = _factory.CreateBrowserClient();
        await ProductivityWebFactory.SignInAsync(client, "lead@example.test", generated);

        var dashboard = await client.GetAsync("/");
        var changePage = await client.GetStringAsync("/Account/Manage/ChangePassword");
        var fields = ProductivityWebFactory.HiddenInputs(changePage);
        fields["Input.OldPassword"] = generated;
        fields["Input.NewPassword"] = "my-own-long-passphrase";
        fields["Input.ConfirmPassword"] = "my-own-long-passphrase";
        var changed = await client.PostAsync("/Account/Manage/ChangePassword", new FormUrlEncodedContent(fields));
        var afterChange = await client.GetAsync("/");

        dashboard.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        dashboard.Headers.Location!.ToString().ShouldBe("/Account/Manage/ChangePassword");
        changePage.ShouldContain("data-testid=\"must-change\"");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterChange.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short-pw-11")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public async Task PasswordPolicy_TooShortOrTooFewDistinctCharacters_IsRejected(string password)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var result = await users.CreateAsync(new ApplicationUser { UserName = "x@example.test", Email = "x@example.test" }, password);

        result.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task PasswordPolicy_TwelveCharacterPassphrase_IsAccepted()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var result = await users.CreateAsync(new ApplicationUser { UserName = "x@example.test", Email = "x@example.test" }, "twelve chars");

        result.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Logout_Post_EndsTheSession()
    {
        await _factory.CreateUserAsync("manager@example.test", Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();
        await ProductivityWebFactory.SignInAsync(client, "manager@example.test", Password);

        var logoutPage = await client.GetStringAsync("/Account/Logout");
        var fields = ProductivityWebFactory.HiddenInputs(logoutPage);
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(fields));
        var after = await client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

}
