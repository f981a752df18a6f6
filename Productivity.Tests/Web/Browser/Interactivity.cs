using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

internal static class Interactivity
{
    /// <summary>Clicks until <paramref name="expected"/> shows: clicks on prerendered markup are lost until the circuit starts.</summary>
    public static async Task ClickUntilVisibleAsync(ILocator target, ILocator expected, float timeoutMs)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs * 2);
        while (true)
        {
            await target.ClickAsync();
            try
            {
                await Expect(expected).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Not interactive yet: click again.
            }
        }
    }
}
