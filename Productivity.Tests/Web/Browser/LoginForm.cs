using Microsoft.Playwright;

namespace Productivity.Tests.Web.Browser;

/// <summary>The static sign-in page, filled and submitted as a person would; what follows is each test's to expect.</summary>
internal static class LoginForm
{
    public static async Task SubmitAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
