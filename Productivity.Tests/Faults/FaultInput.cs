using System.Diagnostics;
using System.Globalization;
using MySqlConnector;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Faults;

/// <summary>
/// The one input every fault scenario ingests, and what a fault-free run makes of it. Input: 30 Connecteam users on one
/// clock with an 8-hour shift on each of 14 past days, and PodFactory's <c>report_actions</c> with 100,000 rows in
/// those shifts (on the tests' shared server, which no scenario kills). Reference: a product database fed by the same
/// commands without a fault, then read back as <see cref="FaultSnapshot"/>. Built once per test run and shared by the
/// scenario classes (they run in parallel); the source database is dropped when the test process exits.
/// </summary>
public sealed class FaultInput
{
    public const int Rows = 100_000;
    public const int Users = 30;
    public const long ClockId = 7001;
    public static readonly DateOnly From = new(2026, 11, 9);
    public static readonly DateOnly To = From.AddDays(13);
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(300);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static FaultInput? _shared;

    private FaultInput(FakeConnecteamServer connecteam, MySqlTestDatabase podFactory)
    {
        Connecteam = connecteam;
        PodFactory = podFactory;
    }

    public FakeConnecteamServer Connecteam { get; }

    /// <summary>The fault-free run's database, kept for the test run: the recompute scenarios start from a copy of it.</summary>
    public MySqlTestDatabase ReferenceDatabase { get; private set; } = null!;
    public MySqlTestDatabase PodFactory { get; }
    public FaultSnapshot Reference { get; private set; } = null!;

    /// <summary>Wall time of the fault-free run (sync employees, shifts, 100,000 rows with their scores).</summary>
    public TimeSpan ReferenceTime { get; private set; }

    public static string FromText => From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string ToText => To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<FaultInput> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The app's configuration for a product database on <paramref name="server"/> (server-level connection string).</summary>
    public Dictionary<string, string> Configuration(string productDatabase, string serverVersion, string dataFolder, bool jobs) => new()
    {
        ["Database:Provider"] = "MySql",
        ["Database:ServerVersion"] = serverVersion,
        ["ConnectionStrings:Productivity"] = productDatabase,
        ["ConnectionStrings:PodFactory"] = PodFactory.ConnectionString,
        ["Connecteam:ApiKey"] = Connecteam.ApiKey,
        ["Connecteam:BaseUrl"] = Connecteam.BaseUrl,
        ["Data:Folder"] = dataFolder,
        ["Seed:AdminEmail"] = "admin@example.test",
        ["Seed:AdminPassword"] = "Admin-Passw0rd-For-Tests",
        ["Jobs:Enabled"] = jobs ? "true" : "false",
        // The scheduled PodFactory poll every second: recovery is measured in poll periods, so a short one measures the
        // app rather than the period.
        ["Jobs:PodFactorySyncSeconds"] = "1",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>Employees and the 14 days' shifts: what every scenario has before its fault.</summary>
    public async Task SyncPeopleAsync(IReadOnlyDictionary<string, string> configuration)
    {
        await RunAsync(["sync", "employees"], configuration);
        await RunAsync(["sync", "connecteam", "--from", FromText, "--to", ToText], configuration);
    }

    /// <summary>Runs one command to its end and fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> configuration)
    {
        var (exitCode, stdout, stderr) = await AppProcess.RunCommandAsync(arguments, configuration, CommandTimeout);
        exitCode.ShouldBe(0, $"{string.Join(' ', arguments)}:\n{stdout}\n{stderr}");
        return stdout;
    }

    private static async Task<FaultInput> CreateAsync()
    {
        var connecteam = await FakeConnecteamServer.StartAsync();
        var podFactory = await MySqlTestDatabase.CreateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            podFactory.DisposeAsync().AsTask().GetAwaiter().GetResult();
            connecteam.DisposeAsync().AsTask().GetAwaiter().GetResult();
        };
        var input = new FaultInput(connecteam, podFactory);
        input.AddPeople();
        await podFactory.ExecuteAsync(ReportActionsTable.CreateTable);
        await ReportActionsTable.InsertAsync(podFactory.ConnectionString, ReportActions());

        var stopwatch = Stopwatch.StartNew();
        var reference = await MySqlTestDatabase.CreateAsync();
        input.ReferenceDatabase = reference;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => reference.DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var data = new TempFolder();
        var configuration = input.Configuration(reference.ConnectionString, TestEnvironment.MySqlServerVersion, data.Path, jobs: false);
        await input.SyncPeopleAsync(configuration);
        await RunAsync(["sync", "podfactory"], configuration);
        input.Reference = await FaultSnapshot.ReadAsync(reference.ConnectionString, configuration, data.Path);
        input.ReferenceTime = stopwatch.Elapsed;
        input.Reference.Activities.Count.ShouldBe(Rows);
        return input;
    }

    /// <summary>
    /// Copies the fault-free run's database (schema, keys and rows, with mariadb-dump) into <paramref name="target"/>'s
    /// database: a scenario that injects its fault into a recompute starts from the same stored rows without ingesting
    /// them again.
    /// </summary>
    public async Task CopyReferenceToAsync(string target)
    {
        var source = new MySqlConnectionStringBuilder(ReferenceDatabase.ConnectionString);
        var to = new MySqlConnectionStringBuilder(target);
        var dump = Client("mariadb-dump", source, ["--single-transaction", "--skip-triggers", source.Database]);
        var load = Client("mariadb", to, [to.Database]);
        load.RedirectStandardInput = true;
        using var dumping = Process.Start(dump)!;
        using var loading = Process.Start(load)!;
        var dumpErrors = dumping.StandardError.ReadToEndAsync();
        var loadErrors = loading.StandardError.ReadToEndAsync();
        await dumping.StandardOutput.BaseStream.CopyToAsync(loading.StandardInput.BaseStream);
        loading.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await dumping.WaitForExitAsync(timeout.Token);
        await loading.WaitForExitAsync(timeout.Token);
        (dumping.ExitCode, loading.ExitCode).ShouldBe((0, 0), $"{await dumpErrors}\n{await loadErrors}");
    }

    private static ProcessStartInfo Client(string program, MySqlConnectionStringBuilder server, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in (string[])["--no-defaults", "--protocol=TCP", $"--host={server.Server}", $"--port={server.Port}",
                     $"--user={server.UserID}", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }
        // Not on the command line, where ps would show it.
        info.Environment["MYSQL_PWD"] = server.Password;
        return info;
    }

    private static string Email(int user) => $"picker{user:00}@example.test";

    private void AddPeople()
    {
        Connecteam.AddClock(ClockId, "Warehouse");
        for (var user = 1; user <= Users; user++)
        {
            Connecteam.AddUser(user, "Picker", user.ToString("00", CultureInfo.InvariantCulture), Email(user));
            Connecteam.AssignUser(ClockId, user);
            for (var day = From; day <= To; day = day.AddDays(1))
            {
                // 08:00–16:00 in Chicago (CST, UTC-6, in November after the clocks went back).
                var start = day.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
                Connecteam.AddShift(ClockId, user, $"{user:x8}{day.DayNumber:x8}00000000", start, start.AddHours(8));
            }
        }
    }

    /// <summary>
    /// 100,000 two-minute windows inside the shifts, created as each window ends (ids in created order, as PodFactory
    /// hands them out): about 238 per person and day.
    /// </summary>
    private static IEnumerable<ReportAction> ReportActions()
    {
        var days = To.DayNumber - From.DayNumber + 1;
        var slots = (Rows + (days * Users) - 1) / (days * Users);
        long id = 0;
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            var shiftStart = day.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
            for (var slot = 0; slot < slots; slot++)
            {
                for (var user = 1; user <= Users && id < Rows; user++)
                {
                    id++;
                    var start = shiftStart.AddMinutes(2 * slot);
                    var end = start.AddMinutes(2);
                    yield return new ReportAction(id, Email(user), $"Picker {user:00}", "Picker", slot % 3 == 0 ? "Labeling" : "Picking",
                        (int)(id % 17) + 1, start, end, end.AddSeconds(user));
                }
            }
        }
    }
}
