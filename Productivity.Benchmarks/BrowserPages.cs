using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Productivity.Benchmarks;

/// <summary>The benchmark's handle on the <see cref="BrowserDriver"/> child process: N signed-in pages, dashboards by default.</summary>
public sealed class BrowserPages : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(10);
    private readonly Process _process;

    private BrowserPages(Process process) => _process = process;

    public int Count { get; private set; }

    /// <param name="watched">The CSS selector of the element whose text changes are recorded (default: the KPI "Items").</param>
    public static BrowserPages Start(Uri baseAddress, string email, string password, string? watched = null)
    {
        // Run as "dotnet Productivity.Benchmarks.dll" or as the apphost, like this process.
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BrowserPages).Assembly.Location);
        }
        foreach (var argument in new[] { BrowserDriver.Mode, baseAddress.ToString(), email, password })
        {
            start.ArgumentList.Add(argument);
        }
        if (watched is not null)
        {
            start.ArgumentList.Add(watched);
        }
        return new BrowserPages(Process.Start(start)!);
    }

    /// <summary>
    /// Opens pages on <paramref name="path"/> until <paramref name="total"/> are open, each showing the layout's user
    /// menu; a dashboard page also its score table, which it loads only once live.
    /// </summary>
    public async Task OpenAsync(int total, string path = "/")
    {
        var answer = await AskAsync(string.Create(CultureInfo.InvariantCulture, $"open {total} {path}"));
        Count = int.Parse(answer.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Closes every page (the next <see cref="OpenAsync"/> needs no new sign-in).</summary>
    public async Task CloseAllAsync()
    {
        await AskAsync("close");
        Count = 0;
    }

    /// <summary>Waits (30 s at most) until every page's KPI "Items" shows <paramref name="text"/>; returns how many do.</summary>
    public async Task<int> WaitUntilShownAsync(string text) =>
        int.Parse((await AskAsync($"wait {text}")).Split(' ')[1], CultureInfo.InvariantCulture);

    /// <summary>Per page, every change of the KPI "Items" text since the page went live, with the browser's Date.now().</summary>
    public async Task<List<List<(string Text, long UnixMilliseconds)>>> CollectAsync()
    {
        using var json = JsonDocument.Parse(await AskAsync("collect"));
        return [.. json.RootElement.EnumerateArray().Select(page => page.EnumerateArray()
            .Select(change => (change[0].GetString() ?? "", change[1].GetInt64())).ToList())];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        return await _process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"The browser driver exited (code {(_process.HasExited ? _process.ExitCode : -1)}) on '{command}'.");
    }
}
