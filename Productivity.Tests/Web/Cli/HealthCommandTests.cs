using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Cli;

/// <summary>The <c>health</c> command (the container's HEALTHCHECK) against a real running site, a closed port and a silent one.</summary>
public sealed class HealthCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Health_RunningSite_ExitsZeroForLiveAndReady()
    {
        // The schedules off: they would only slow the site's start on a loaded machine.
        using var site = await AppProcess.StartAsync(new Dictionary<string, string>(Settings()) { ["Jobs:Enabled"] = "false" });
        var port = site.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var live = await AppProcess.RunCommandAsync(["health", "--url", $"http://127.0.0.1:{port}/health/live"], Settings(), Timeout);
        var ready = await AppProcess.RunCommandAsync(["health", "--url", $"http://127.0.0.1:{port}/health/ready"], Settings(), Timeout);
        // No --url: the container's case, the first port of ASPNETCORE_HTTP_PORTS.
        var byDefault = await AppProcess.RunCommandAsync(["health"], new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port }, Timeout);

        live.ExitCode.ShouldBe(0, live.StandardError);
        live.StandardOutput.ShouldContain("answered 200 OK");
        live.StandardOutput.ShouldContain("\"status\":\"Healthy\"");
        ready.ExitCode.ShouldBe(0, ready.StandardError);
        ready.StandardOutput.ShouldContain("\"name\":\"database\"");
        byDefault.ExitCode.ShouldBe(0, byDefault.StandardError);
        byDefault.StandardOutput.ShouldContain($"http://127.0.0.1:{port}/health/live answered 200");
    }

    [Fact]
    public async Task Health_ClosedPort_ExitsOne()
    {
        var url = $"http://127.0.0.1:{AppProcess.FreePort()}/health/live";

        var (exitCode, stdout, stderr) = await AppProcess.RunCommandAsync(["health", "--url", url], Settings(), Timeout);

        exitCode.ShouldBe(1);
        stderr.ShouldContain($"Unhealthy: {url} is unreachable");
        stdout.ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(_data.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Health_SiteThatNeverAnswers_ExitsOneAfterTheTimeout()
    {
        // Accepts the connection and then says nothing, like a site stuck on a blocked thread pool.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/health/live";
        var stopwatch = Stopwatch.StartNew();

        var (exitCode, _, stderr) = await AppProcess.RunCommandAsync(["health", "--url", url, "--timeout", "1"], Settings(), Timeout);

        exitCode.ShouldBe(1);
        stderr.ShouldContain($"Unhealthy: {url} did not answer within 1 s");
        // Gave up by itself (1 s plus the process start), long before the harness would kill it.
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Health_UnhealthyAnswer_ExitsOne()
    {
        // A 503 (what /health/ready answers when the database is down) is not healthy.
        using var server = new HttpListener();
        var port = AppProcess.FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var answer = Task.Run(async () =>
        {
            var context = await server.GetContextAsync();
            context.Response.StatusCode = 503;
            await context.Response.OutputStream.WriteAsync("{\"status\":\"Unhealthy\"}"u8.ToArray());
            context.Response.Close();
        });

        var (exitCode, _, stderr) = await AppProcess.RunCommandAsync(["health", "--url", $"http://127.0.0.1:{port}/health/ready"], Settings(), Timeout);
        await answer;

        exitCode.ShouldBe(1);
        stderr.ShouldContain("answered 503 Service Unavailable: {\"status\":\"Unhealthy\"}");
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Data:Folder"] = _data.Path,
        ["Seed:AdminEmail"] = "admin@example.test",
        ["Seed:AdminPassword"] = "Admin-Passw0rd-For-Tests",
    };
}
