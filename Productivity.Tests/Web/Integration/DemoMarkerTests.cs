using Productivity.Core.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

public sealed class DemoMarkerTests
{
    [Fact]
    public async Task Dashboard_NoSourceConfigured_ShowsDemoMarker()
    {
        using var factory = new ProductivityWebFactory();

        var page = await SignedInDashboardAsync(factory);

        page.ShouldContain("data-testid=\"demo-marker\"");
    }

    [Fact]
    public async Task Dashboard_RealSourceConfigured_HasNoDemoMarker()
    {
        using var factory = new ProductivityWebFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PodFactory"] = "Server=127.0.0.1;Port=1;User ID=x;Password=y;Database=pod",
        });

        var page = await SignedInDashboardAsync(factory);

        page.ShouldNotContain("data-testid=\"demo-marker\"");
    }

    private static async Task<string> SignedInDashboardAsync(ProductivityWebFactory factory)
    {
        await factory.CreateUserAsync("lead@example.test", "lead-password-123", Roles.Lead);
        var client = factory.CreateBrowserClient();
        await ProductivityWebFactory.SignInAsync(client, "lead@example.test", "lead-password-123");
        return await client.GetStringAsync("/");
    }
}
