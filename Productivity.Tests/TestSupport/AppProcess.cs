using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// The real Productivity.Web, built next to this test assembly, running as a separate process on a free loopback port.
/// Used by browser tests, multi-node tests and start-up tests. Configuration is passed as environment variables
/// (<c>Data__Folder</c>, <c>Seed__AdminEmail</c>, ...; <c>Section:Key</c> is accepted too), on top of environment Development.
/// </summary>
public sealed class AppProcess : IDisposable
{
    // Generous: the fault scenarios start up to four app processes at once beside Chromium on two cores.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and returns once <c>/health/live</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> configuration)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var app = new AppProcess(new Process { StartInfo = CreateStartInfo(configuration, ["--urls", baseAddress.ToString().TrimEnd('/')]) }, baseAddress);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilLiveAsync();
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts one operator command and returns at once, for a test that kills it mid-way (<see cref="Kill"/>) or
    /// watches its <see cref="Output"/> as it runs.
    /// </summary>
    public static AppProcess StartCommand(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> configuration)
    {
        var app = new AppProcess(new Process { StartInfo = CreateStartInfo(configuration, arguments) }, new Uri("http://127.0.0.1/"));
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGKILL (no shutdown, as the OOM killer or a pulled plug) and waits until the process has gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>Waits for a command started by <see cref="StartCommand"/> to exit; kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The app was still running after {timeout.TotalSeconds:0} s.\n{Output}");
        }
        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Runs the app until it exits by itself (for configurations that must stop it at start-up).</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(
        IReadOnlyDictionary<string, string> configuration, TimeSpan timeout) =>
        RunAsync(["--urls", $"http://127.0.0.1:{FreePort()}"], configuration, timeout);

    /// <summary>Runs one operator command (<c>sync …</c>, <c>recompute …</c>) to its end.</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunCommandAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> configuration, TimeSpan timeout) =>
        RunAsync(arguments, configuration, timeout);

    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> configuration, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = CreateStartInfo(configuration, arguments) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"The app was still running after {timeout.TotalSeconds:0} s.\n--- stdout\n{await stdout}\n--- stderr\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // The process never started or has already gone.
        }
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Productivity.Web exited with code {_process.ExitCode} before it answered /health/live.\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync("/health/live");
                if (response.StatusCode == HttpStatusCode.OK)
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
        throw new TimeoutException($"Productivity.Web did not answer /health/live within {StartTimeout.TotalSeconds:0} s.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static ProcessStartInfo CreateStartInfo(IReadOnlyDictionary<string, string> configuration, IReadOnlyList<string> arguments)
    {
        var root = SolutionRoot();
        var webDll = Path.Combine(root, "Productivity.Web", "bin", BuildConfiguration(), "net10.0", "Productivity.Web.dll");
        if (!File.Exists(webDll))
        {
            throw new FileNotFoundException($"Build Productivity.Web first: {webDll} does not exist.", webDll);
        }
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.Combine(root, "Productivity.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(webDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in configuration)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return startInfo;
    }

    /// <summary>The folder that holds Productivity.sln, found by walking up from the test assembly.</summary>
    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Productivity.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Productivity.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Debug or Release: the folder above the target-framework folder of this test assembly (bin/&lt;Configuration&gt;/net10.0).</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>A loopback port that nothing listens on (free when asked; for a server to start on, or to find closed).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
