using Microsoft.Playwright;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Web.Browser;

/// <summary>What a failed browser test leaves behind: a screenshot of each open page and the app processes' output.</summary>
internal static class BrowserFailure
{
    public static async Task RecordAsync(ITestOutputHelper output, string test, Func<Task> body,
        IReadOnlyList<(string Name, IPage? Page)> pages, IReadOnlyList<(string Name, AppProcess? App)> apps)
    {
        try
        {
            await body();
        }
        catch
        {
            var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "browser-failures"));
            foreach (var (name, page) in pages)
            {
                if (page is null || page.IsClosed)
                {
                    continue;
                }
                var path = Path.Combine(folder.FullName, $"{test}-{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                output.WriteLine($"Screenshot: {path} ({page.Url})");
            }
            foreach (var (name, app) in apps)
            {
                output.WriteLine($"--- {name} output");
                output.WriteLine(app?.Output ?? "");
            }
            throw;
        }
    }
}
