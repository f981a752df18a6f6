using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Productivity.Benchmarks;

/// <summary>
/// The browser side of the live-dashboard benchmarks, run as a child process (<c>browser-driver URL E-MAIL PASSWORD</c>)
/// so that Playwright's client objects are not on the measured server's heap. One headless Chromium, one browser
/// context (one sign-in, one cookie), N pages on the manager dashboard or another page of the app's layout. Commands on
/// stdin, one answer line each on stdout:
/// <c>open N [PATH]</c> (pages on PATH, default the dashboard <c>/</c>, until N are open, each showing the layout's user
/// menu and a dashboard its score table) → <c>opened N</c>;
/// on dashboard pages, <c>wait TEXT</c> (every page's KPI "Items" shows TEXT, 30 s at most) → <c>shown N</c> and
/// <c>collect</c> → one JSON line: per page, every change of the KPI "Items" text as [text, Date.now()];
/// <c>close</c> (every page closed) → <c>closed 0</c>.
/// </summary>
public static class BrowserDriver
{
    public const string Mode = "browser-driver";
    private const string Dashboard = "/";
    private const string ItemsKpi = "[data-testid='kpi-items-value']";

    // The dashboard element whose text is watched: the KPI "Items" unless a fourth argument names another. A fourth
    // argument "SELECTOR @ATTRIBUTE" watches that attribute of the element instead of its text (the alert bell's count).
    private static string s_watched = ItemsKpi;
    private static string? s_attribute;
    private const int OpenBatch = 5;

    /// <summary>
    /// Records each change of the KPI text with the page's clock (ms). A MutationObserver's callback runs as a microtask
    /// right after the DOM change (Blazor applying a render batch), before the next paint.
    /// </summary>
    private const string ObserveItems = """
        ([selector, attribute]) => {
          const read = () => {
            const element = document.querySelector(selector);
            return element ? (attribute ? element.getAttribute(attribute) : element.textContent) : null;
          };
          let last = read();
          window.__itemsChanges = [];
          const options = { subtree: true, childList: true, characterData: true };
          if (attribute) {
            options.attributeFilter = [attribute];
          }
          new MutationObserver(() => {
            const text = read();
            if (text !== last) {
              last = text;
              window.__itemsChanges.push([text, Date.now()]);
            }
          }).observe(document.body, options);
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = args[0];
        var email = args[1];
        var password = args[2];
        s_watched = args.Length > 3 ? args[3] : ItemsKpi;
        if (s_watched.LastIndexOf(" @", StringComparison.Ordinal) is var at and > 0)
        {
            s_attribute = s_watched[(at + 2)..];
            s_watched = s_watched[..at];
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PRODUCTIVITY_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var pages = new List<IPage>();
        var signedIn = false;

        while (Console.ReadLine() is { } line)
        {
            var command = line.Split(' ', 2);
            switch (command[0])
            {
                case "open":
                    var open = command[1].Split(' ');
                    var total = int.Parse(open[0], CultureInfo.InvariantCulture);
                    var path = open.Length > 1 ? open[1] : Dashboard;
                    if (!signedIn)
                    {
                        pages.Add(await SignInAsync(context, email, password, path));
                        signedIn = true;
                    }
                    while (pages.Count < total)
                    {
                        var batch = Enumerable.Range(0, Math.Min(OpenBatch, total - pages.Count)).Select(_ => OpenAsync(context, path));
                        pages.AddRange(await Task.WhenAll(batch));
                    }
                    Console.WriteLine($"opened {pages.Count}");
                    break;
                case "wait":
                    var shown = await Task.WhenAll(pages.Select(p => ShowsAsync(p, command[1])));
                    Console.WriteLine($"shown {shown.Count(s => s)}");
                    break;
                case "collect":
                    var changes = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<JsonElement>("() => window.__itemsChanges")));
                    Console.WriteLine(JsonSerializer.Serialize(changes));
                    break;
                case "close":
                    await Task.WhenAll(pages.Select(p => p.CloseAsync()));
                    pages.Clear();
                    Console.WriteLine("closed 0");
                    break;
                case "quit":
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"browser-driver: unknown command '{line}'");
                    return 2;
            }
        }
        return 0;
    }

    /// <summary>Signs in through the static login form, which sends the browser on to <paramref name="path"/>, the first page.</summary>
    private static async Task<IPage> SignInAsync(IBrowserContext context, string email, string password, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path));
        await page.GetByLabel("E-mail", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await WhenShownAsync(page, path);
        return page;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await WhenShownAsync(page, path);
        return page;
    }

    /// <summary>
    /// The user menu shows that the page is in the signed-in layout (prerendered too, so whether the page has a live
    /// circuit is for the server to tell). The dashboard marks its header <c>data-live</c> once rendered by its circuit,
    /// which by then listens to updates; with its table and KPIs shown, the observer is installed.
    /// </summary>
    private static async Task WhenShownAsync(IPage page, string path)
    {
        await page.Locator("[data-testid='user-menu']").WaitForAsync();
        if (path != Dashboard)
        {
            return;
        }
        await page.Locator("[data-testid='dashboard-header'][data-live='true']").WaitForAsync();
        await page.Locator("[data-testid='score-table'] tbody tr td[data-label='Items']").First.WaitForAsync();
        await page.Locator(s_watched).WaitForAsync();
        await page.EvaluateAsync(ObserveItems, new object?[] { s_watched, s_attribute });
    }

    private static async Task<bool> ShowsAsync(IPage page, string text)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                ([selector, attribute, text]) => {
                  const element = document.querySelector(selector);
                  return (element ? (attribute ? element.getAttribute(attribute) : element.textContent) : null) === text;
                }
                """, new object?[] { s_watched, s_attribute, text }, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
