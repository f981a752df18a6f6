using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Account.Shared;

namespace Productivity.Tests.Web.Components;

public sealed class RedirectToLoginTests : ComponentTestBase
{
    [Fact]
    public void Render_OnAPageWithQuery_SendsTheRootedPathAsReturnUrl()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/employees?search=ana");

        Render<RedirectToLogin>();

        navigation.Uri.ShouldBe("http://localhost/Account/Login?returnUrl=%2Femployees%3Fsearch%3Dana");
    }
}
