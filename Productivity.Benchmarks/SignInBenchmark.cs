using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Components;

namespace Productivity.Benchmarks;

/// <summary>
/// How long a refused sign-in takes for an e-mail without an account and for a real account with a wrong password,
/// through the whole site in memory (its own Program, SQLite, TestServer): the two must not be told apart by time.
/// Each real account takes at most four wrong passwords (the fifth would lock it), each unknown e-mail one; the rate
/// limits are raised for the run. Only the POST is timed (the GET for the form's anti-forgery token is not).
/// </summary>
public static partial class SignInBenchmark
{
    private const string Password = "Sign-In-Bench-Password-1";

    public static async Task RunAsync(int iterations)
    {
        var folder = Directory.CreateTempSubdirectory("productivity-signin-bench-");
        try
        {
            await using var factory = new Factory(folder.FullName);
            var accounts = (iterations + 4) / 4 + 1;
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                for (var i = 0; i < accounts; i++)
                {
                    var email = Known(i);
                    var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
                    if (!(await users.CreateAsync(user, Password)).Succeeded || !(await users.AddToRoleAsync(user, Roles.Lead)).Succeeded)
                    {
                        throw new InvalidOperationException($"Could not create {email}.");
                    }
                }
            }
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                BaseAddress = new Uri("https://localhost"),
            });
            // Warm-up: the first sign-ins compile and fill caches (and make the dummy hash once).
            await TimeAsync(client, "warm-up@bench.test");
            await TimeAsync(client, Known(accounts - 1));

            var unknown = new List<double>();
            var known = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                unknown.Add(await TimeAsync(client, $"nobody-{i}@bench.test"));
                known.Add(await TimeAsync(client, Known(i / 4)));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sign-in refused, {iterations} each: unknown e-mail median {Median(unknown):F1} ms, p95 {P95(unknown):F1} ms; " +
                $"real account, wrong password median {Median(known):F1} ms, p95 {P95(known):F1} ms; " +
                $"difference of medians {Median(unknown) - Median(known):F1} ms"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static string Known(int i) => $"known-{i}@bench.test";

    private static async Task<double> TimeAsync(HttpClient client, string email)
    {
        var page = await client.GetAsync("/Account/Login");
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToList() : [];
        var fields = new Dictionary<string, string>();
        foreach (Match match in HiddenInput().Matches(await page.Content.ReadAsStringAsync()))
        {
            fields[WebUtility.HtmlDecode(match.Groups["name"].Value)] = WebUtility.HtmlDecode(match.Groups["value"].Value);
        }
        fields["Input.Email"] = email;
        fields["Input.Password"] = "wrong-password-123";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!body.Contains("Invalid sign-in attempt", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in for {email} answered {(int)response.StatusCode} without the refusal message.");
        }
        return elapsed;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P95(List<double> values) =>
        values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.95) - 1));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    private sealed class Factory(string folder) : WebApplicationFactory<App>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("Data:Folder", folder);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Security:SignIn:AttemptsPerAddress", "1000000");
            builder.UseSetting("Security:SignIn:AttemptsPerAccount", "1000000");
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
