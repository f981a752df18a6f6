using Microsoft.Playwright;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// One Playwright driver and one headless Chromium shared by the browser tests (xunit collection <see cref="Collection"/>).
/// Playwright cannot download browsers here, so it drives the system Chromium: <c>PRODUCTIVITY_TEST_CHROMIUM</c>
/// or <c>/usr/bin/chromium</c>. The class is also the collection definition, which keeps the fixture in one file.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class BrowserFixture : ICollectionFixture<BrowserFixture>, IAsyncLifetime
{
    public const string Collection = "Browser";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PRODUCTIVITY_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executable}; install the Debian package 'chromium' or set PRODUCTIVITY_TEST_CHROMIUM.");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context (cookies, storage) on the app at <paramref name="baseAddress"/>; actions and navigations wait up to <paramref name="timeoutMs"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, float timeoutMs)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(timeoutMs);
        context.SetDefaultNavigationTimeout(timeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
