using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure.Identity;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// The whole site in memory (environment Testing, SQLite in a temp folder, no jobs, no Redis unless asked),
/// reached over https so the Secure cookie policy of non-development environments is the one under test.
/// </summary>
public sealed partial class ProductivityWebFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string?> _settings;

    public ProductivityWebFactory(IDictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        _settings = TestHost.DatabaseSettings("Sqlite", dataFolder ?? _folder.Path, null);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    public Task<ApplicationUser> CreateUserAsync(string email, string password, params string[] roles) =>
        TestUsers.CreateAsync(Services, email, password, roles);

    /// <summary>Posts the static login form like a browser does (antiforgery token and form handler included).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, bool rememberMe = false,
        string? returnUrl = null)
    {
        // The form posts back to the page's own address, query string included, as a browser does.
        var login = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await client.GetStringAsync(login);
        var fields = HiddenInputs(page);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        if (rememberMe)
        {
            fields["Input.RememberMe"] = "true";
        }
        return await client.PostAsync(login, new FormUrlEncodedContent(fields));
    }

    public static Dictionary<string, string> HiddenInputs(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match match in HiddenInputRegex().Matches(html))
        {
            fields[WebUtility.HtmlDecode(match.Groups["name"].Value)] = WebUtility.HtmlDecode(match.Groups["value"].Value);
        }
        return fields;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputRegex();
}
