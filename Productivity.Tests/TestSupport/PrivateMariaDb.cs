using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// A MariaDB server of the test's own, in a temp folder on a free loopback port, for tests that kill the database: the
/// shared test server must never be killed. <see cref="Kill"/> sends SIGKILL (no shutdown, as a crash or an OOM kill);
/// <see cref="RestartAsync"/> starts the server again on the same data folder and port, so the app's connection
/// string stays valid and InnoDB runs its crash recovery. Needs mariadbd and mariadb-install-db (scripts/test.sh
/// installs them).
/// </summary>
public sealed class PrivateMariaDb : IAsyncDisposable
{
    private const string User = "faults";
    private const string Password = "faults-test";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder;
    private readonly List<string> _log = [];
    private Process? _server;

    private PrivateMariaDb(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Server-level connection string (no database) of a user with every privilege, over TCP.</summary>
    public string ServerConnectionString => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password,
        // A dead server must fail a connection attempt quickly, not after the default 15 s.
        ConnectionTimeout = 5,
    }.ConnectionString;

    /// <summary>The version string Pomelo takes (<c>10.11.14-mariadb</c>), read from the server.</summary>
    public string ServerVersion { get; private set; } = "";

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>The server's own log (its stderr) so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(60));
            }
        }
    }

    /// <summary>Creates the data folder, starts the server and creates the test user.</summary>
    public static async Task<PrivateMariaDb> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("productivity-mariadb-").FullName;
        var server = new PrivateMariaDb(folder, FreePort());
        try
        {
            await server.InstallAsync();
            await server.StartServerAsync();
            await using (var connection = new MySqlConnection(server.SocketConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new MySqlCommand(
                    $"CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}'; GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1' WITH GRANT OPTION; SELECT VERSION();",
                    connection);
                var version = Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
                // "10.11.14-MariaDB-0+deb12u2" -> "10.11.14-mariadb", as scripts/test.sh derives it.
                server.ServerVersion = version.Split('-')[0] + (version.Contains("mariadb", StringComparison.OrdinalIgnoreCase) ? "-mariadb" : "-mysql");
            }
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, then waits until the process has gone (its port and files are free).</summary>
    public void Kill()
    {
        if (_server is null)
        {
            return;
        }
        _server.Kill();
        _server.WaitForExit(10_000).ShouldBeTrue("mariadbd did not exit after SIGKILL");
        _server.Dispose();
        _server = null;
        // Pooled connections to the dead server would fail the test's next query once each.
        MySqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again on the same data folder and port; returns once it accepts connections.</summary>
    public Task RestartAsync() =>
        IsRunning ? throw new InvalidOperationException("The server is running; kill it first.") : StartServerAsync();

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is in the temp folder and goes with it.
        }
    }

    private string SocketPath => Path.Combine(_folder, "mysqld.sock");

    private string SocketConnectionString => new MySqlConnectionStringBuilder
    {
        Server = SocketPath, ConnectionProtocol = MySqlConnectionProtocol.UnixSocket, UserID = "root", ConnectionTimeout = 5,
    }.ConnectionString;

    private string[] CommonArguments =>
    [
        "--no-defaults", $"--datadir={Path.Combine(_folder, "data")}", $"--socket={SocketPath}",
        .. Environment.UserName == "root" ? new[] { "--user=root" } : [],
    ];

    private async Task InstallAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        using var install = Process.Start(StartInfo("mariadb-install-db",
            [.. CommonArguments, "--auth-root-authentication-method=normal", "--skip-test-db"]))!;
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await install.WaitForExitAsync(timeout.Token);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-install-db failed ({install.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private async Task StartServerAsync()
    {
        // The same settings as scripts/test.sh's server. innodb-flush-log-at-trx-commit=2 writes the log to the OS at
        // every commit, so a killed process loses no committed transaction (only a machine crash could).
        var server = Process.Start(StartInfo("mariadbd",
        [
            .. CommonArguments, $"--port={Port}", "--bind-address=127.0.0.1", $"--pid-file={Path.Combine(_folder, "mysqld.pid")}",
            "--skip-name-resolve", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
            "--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0", "--innodb-buffer-pool-size=256M",
        ]))!;
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"mariadbd exited with code {server.ExitCode}:\n{Log}");
            }
            try
            {
                await using var connection = new MySqlConnection(SocketConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (MySqlException) when (stopwatch.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        // mariadbd lives in /usr/sbin, which a non-root PATH may lack.
        var path = File.Exists(Path.Combine("/usr/sbin", program)) ? Path.Combine("/usr/sbin", program) : program;
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
