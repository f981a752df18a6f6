using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The real app in its own process with a temp data folder (its SQLite database, unless configured otherwise), and one
/// browser context and page on it; all of it goes on dispose. Seed <see cref="DataFolder"/> first if the test needs to,
/// then <see cref="StartAsync"/>.
/// </summary>
public sealed class BrowserSite(string folderPrefix = "productivity-browser-") : IAsyncDisposable
{
    public DirectoryInfo DataFolder { get; } = Directory.CreateTempSubdirectory(folderPrefix);
    public AppProcess? App { get; private set; }
    public IBrowserContext? Context { get; private set; }
    public IPage Page { get; private set; } = default!;

    /// <param name="settings">The app's configuration beside its data folder.</param>
    /// <param name="timeoutMs">The context's default timeout.</param>
    /// <param name="configureContext">Runs before the page opens (e.g. init scripts, which apply to pages opened after).</param>
    public async Task StartAsync(BrowserFixture browser, IReadOnlyDictionary<string, string> settings, float timeoutMs,
        Func<IBrowserContext, Task>? configureContext = null)
    {
        App = await AppProcess.StartAsync(new Dictionary<string, string>(settings) { ["Data:Folder"] = DataFolder.FullName });
        Context = await browser.NewContextAsync(App.BaseAddress, timeoutMs);
        if (configureContext is not null)
        {
            await configureContext(Context);
        }
        Page = await Context.NewPageAsync();
    }

    /// <summary>The app's SQLite file, read-only and unpooled (the app keeps writing it).</summary>
    public async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataFolder.FullName, "productivity.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>One value read from the app's SQLite file.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Context is not null)
        {
            await Context.DisposeAsync();
        }
        App?.Dispose();
        // The test may have read the app's SQLite file; a pooled connection would keep it open.
        SqliteConnection.ClearAllPools();
        DataFolder.Delete(recursive: true);
    }
}
