using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Productivity.Benchmarks;

/// <summary>
/// The real Productivity.Web (a Release build next to this repository) as a separate process on a free loopback port,
/// SQLite in a temp folder, Redis as given, no jobs, and a seeded Admin the load test signs in as.
/// </summary>
public sealed partial class FanoutApp : IDisposable
{
    public const string AdminEmail = "fanout-admin@example.test";
    public const string AdminPassword = "Fanout-Benchmark-Password-1";

    private readonly Process _process;
    private readonly DirectoryInfo _data;

    private FanoutApp(Process process, DirectoryInfo data, Uri baseAddress)
    {
        _process = process;
        _data = data;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<FanoutApp> StartAsync(string webDll, string redis)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("productivity-fanout-");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Data__Folder"] = data.FullName;
        start.Environment["ConnectionStrings__Redis"] = redis;
        start.Environment["Jobs__Enabled"] = "false";
        start.Environment["Seed__AdminEmail"] = AdminEmail;
        start.Environment["Seed__AdminPassword"] = AdminPassword;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[app] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new FanoutApp(process, data, new Uri($"http://127.0.0.1:{port}/"));
        await app.WaitUntilLiveAsync();
        return app;
    }

    /// <summary>Signs in through the login form (antiforgery included) and returns the auth cookie header value.</summary>
    public async Task<string> SignInAsync()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var page = await http.GetStringAsync("/Account/Login");
        var fields = HiddenInputRegex().Matches(page).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = AdminEmail;
        fields["Input.Password"] = AdminPassword;
        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(BaseAddress)["Productivity.Auth"] is null)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}.");
        }
        return cookies.GetCookieHeader(BaseAddress);
    }

    /// <summary>Resident memory of the app process, in MB.</summary>
    public double WorkingSetMegabytes()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _data.Delete(recursive: true);
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Productivity.Web exited with code {_process.ExitCode}.");
            }
            try
            {
                using var response = await http.GetAsync("/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("Productivity.Web did not start within 90 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputRegex();
}
