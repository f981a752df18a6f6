using System.Net;
using Productivity.Core.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>Security review issue 11, finding 9: a hostile ReturnUrl used to turn a right password into a 500.</summary>
public sealed class SignInReturnUrlTests : IDisposable
{
    private const string Email = "manager@example.test";
    private const string Password = "correct-horse-battery";
    private readonly ProductivityWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("//evil.test")]
    [InlineData("https://evil.test")]
    [InlineData("/\\evil.test")]
    [InlineData("%2F%2Fevil.test")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ExternalReturnUrl_SignsInAndRedirectsHome(string returnUrl)
    {
        await _factory.CreateUserAsync(Email, Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        var response = await ProductivityWebFactory.SignInAsync(client, Email, Password, returnUrl: returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Target(client, response).ShouldBe(new Uri("https://localhost/"));
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("Productivity.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_IsHonoured()
    {
        await _factory.CreateUserAsync(Email, Password, Roles.Manager);
        var client = _factory.CreateBrowserClient();

        var response = await ProductivityWebFactory.SignInAsync(client, Email, Password, returnUrl: "/employees");
        var page = await client.GetAsync(Target(client, response));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Target(client, response).ShouldBe(new Uri("https://localhost/employees"));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Uri Target(HttpClient client, HttpResponseMessage response) =>
        new(client.BaseAddress!, response.Headers.Location!);
}
