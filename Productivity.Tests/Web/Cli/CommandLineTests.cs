using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Cli;

/// <summary>The operator commands, run as a real process with the site's configuration (demo sources, SQLite).</summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    // Help, version and usage errors build no host: they answer in about a second (the process start); a run that
    // reaches for the database shows up as a wrong exit code or a non-empty data folder. The timeout only bounds a hang
    // and leaves room for a machine loaded by parallel test classes.
    private static readonly TimeSpan QuickTimeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task SyncEmployees_DemoMode_PrintsASummaryAndExitsZero()
    {
        var (exitCode, stdout, _) = await AppProcess.RunCommandAsync(["sync", "employees"], Settings(), Timeout);

        exitCode.ShouldBe(0);
        stdout.ShouldContain("connecteam-employees: Succeeded");
        stdout.ShouldContain("added 35");
    }

    [Fact]
    public async Task SyncRecomputeExport_DemoDay_WritesTheScoresCsvAndXlsx()
    {
        var day = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = Path.Combine(_data.Path, "scores.csv");

        var employees = await AppProcess.RunCommandAsync(["sync", "employees"], Settings(), Timeout);
        var shifts = await AppProcess.RunCommandAsync(["sync", "connecteam", "--from", day, "--to", day], Settings(), Timeout);
        var rows = await AppProcess.RunCommandAsync(["sync", "podfactory", "--from", day, "--to", day], Settings(), Timeout);
        var recompute = await AppProcess.RunCommandAsync(["recompute", "--from", day, "--to", day], Settings(), Timeout);
        var export = await AppProcess.RunCommandAsync(["export", "scores", "--from", day, "--to", day, "--out", csv], Settings(), Timeout);

        new[] { employees, shifts, rows, recompute, export }.Select(r => r.ExitCode).ShouldAllBe(code => code == 0);
        recompute.StandardOutput.ShouldContain("Succeeded");
        var lines = await File.ReadAllLinesAsync(csv);
        lines[0].ShouldStartWith("date,employee_id,employee_name,connecteam_user_id,items,points,");
        lines.Length.ShouldBeGreaterThan(1);
        lines.Skip(1).ShouldAllBe(line => line.StartsWith(day, StringComparison.Ordinal));
        (await File.ReadAllBytesAsync(csv))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });

        var xlsx = Path.Combine(_data.Path, "scores.xlsx");
        var workbook = await AppProcess.RunCommandAsync(["export", "scores", "--from", day, "--to", day, "--out", xlsx], Settings(), Timeout);

        workbook.ExitCode.ShouldBe(0);
        workbook.StandardOutput.ShouldContain($"{lines.Length - 1} rows written to {xlsx}");
        var sheet = XlsxSheet.Read(await File.ReadAllBytesAsync(xlsx));
        string.Join(',', sheet.Rows[0].Select(c => c.Text)).ShouldBe(lines[0]);
        sheet.Rows.Count.ShouldBe(lines.Length);
        sheet.Rows.Skip(1).ShouldAllBe(row => DateOnly.FromDateTime(row[0].Date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == day);
    }

    [Fact]
    public async Task RatesImportThenExportCosts_DemoDay_CostsTheRatedPeopleOnly()
    {
        var day = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var scores = Path.Combine(_data.Path, "scores.csv");
        var rates = Path.Combine(_data.Path, "rates.csv");
        var costs = Path.Combine(_data.Path, "costs.csv");
        await AppProcess.RunCommandAsync(["sync", "employees"], Settings(), Timeout);
        await AppProcess.RunCommandAsync(["sync", "connecteam", "--from", day, "--to", day], Settings(), Timeout);
        await AppProcess.RunCommandAsync(["sync", "podfactory", "--from", day, "--to", day], Settings(), Timeout);
        await AppProcess.RunCommandAsync(["export", "scores", "--from", day, "--to", day, "--out", scores], Settings(), Timeout);
        // The first scored person with a Connecteam id gets 21.50 an hour; one line is bad.
        var scored = (await File.ReadAllLinesAsync(scores)).Skip(1).Select(l => l.Split(',')).First(c => c[3] != "");
        await File.WriteAllLinesAsync(rates, ["connecteam_user_id,hourly_rate,effective_from", $"{scored[3]},21.50,2000-01-01", "x,1,2000-01-01"]);

        var import = await AppProcess.RunCommandAsync(["rates", "import", "--file", rates], Settings(), Timeout);
        var export = await AppProcess.RunCommandAsync(["export", "costs", "--from", day, "--to", day, "--out", costs], Settings(), Timeout);

        import.ExitCode.ShouldBe(0);
        import.StandardOutput.ShouldContain("rate-import: Succeeded");
        import.StandardOutput.ShouldContain("added 1");
        import.StandardOutput.ShouldContain("rejected line 3: not a Connecteam user id");
        export.ExitCode.ShouldBe(0);
        var rows = (await File.ReadAllLinesAsync(costs)).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Single(c => c[1] == scored[1])[4].ShouldBe("21.5");
        rows.Where(c => c[1] != scored[1]).ShouldAllBe(c => c[4] == "" && c[6] == "");
    }

    [Fact]
    public async Task ExportScores_OutNeitherCsvNorXlsx_IsAUsageError()
    {
        var (exitCode, _, stderr) = await AppProcess.RunCommandAsync(
            ["export", "scores", "--from", "2025-12-10", "--to", "2025-12-10", "--out", Path.Combine(_data.Path, "scores.txt")], Settings(), Timeout);

        exitCode.ShouldBe(2);
        stderr.ShouldContain("--out must be a .csv or .xlsx file");
        File.Exists(Path.Combine(_data.Path, "scores.txt")).ShouldBeFalse();
    }

    // Every command's path: each answers --help and --version from the command tree alone.
    public static TheoryData<string> Commands() =>
    [
        "", "sync", "sync connecteam", "sync podfactory", "sync employees", "mappings", "mappings import", "rates", "rates import",
        "recompute", "export", "export scores", "export costs", "health",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task HelpAndVersion_OnEveryCommand_AnswerWithoutStartingAnything(string command)
    {
        // A database and a Redis that nobody listens on: building the host would fail (exit 1) or hang, not print help.
        var path = command.Length == 0 ? [] : command.Split(' ');

        var help = await AppProcess.RunCommandAsync([.. path, "--help"], Unreachable(), QuickTimeout);
        var version = await AppProcess.RunCommandAsync([.. path, "--version"], Unreachable(), QuickTimeout);

        help.ExitCode.ShouldBe(0, help.StandardError);
        help.StandardError.ShouldBeEmpty();
        help.StandardOutput.ShouldContain("Usage:");
        help.StandardOutput.ShouldContain($"Productivity.Web {command}".TrimEnd() + " [");
        version.ExitCode.ShouldBe(0, version.StandardError);
        version.StandardOutput.Trim().ShouldMatch(@"^\d+\.\d+\.\d+");
        version.StandardError.ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(_data.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_ShortFormAndOnTheRoot_PrintsTheCommandsAndStartsNoSite()
    {
        var (exitCode, stdout, _) = await AppProcess.RunCommandAsync(["-h"], Unreachable(), QuickTimeout);
        var sub = await AppProcess.RunCommandAsync(["sync", "connecteam", "-h"], Unreachable(), QuickTimeout);

        exitCode.ShouldBe(0);
        foreach (var name in new[] { "sync", "mappings", "rates", "recompute", "export", "health" })
        {
            stdout.ShouldContain($"  {name} ");
        }
        stdout.ShouldNotContain("Now listening");
        sub.ExitCode.ShouldBe(0);
        sub.StandardOutput.ShouldContain("--from <YYYY-MM-DD> (REQUIRED)");
        sub.StandardOutput.ShouldContain("at most 366 days");
    }

    [Fact]
    public async Task HelpAndUsageErrors_DefaultSqlite_CreateNoDatabase()
    {
        // With SQLite a started host creates productivity.db (and seeds an Admin) in the data folder: it must stay empty.
        var results = new[]
        {
            await AppProcess.RunCommandAsync(["--help"], Settings(), QuickTimeout),
            await AppProcess.RunCommandAsync(["sync", "--help"], Settings(), QuickTimeout),
            await AppProcess.RunCommandAsync(["sync", "employees", "--help"], Settings(), QuickTimeout),
            await AppProcess.RunCommandAsync(["recompute", "--from", "2025-12-10", "--to", "2025-12-01"], Settings(), QuickTimeout),
        };

        results.Select(r => r.ExitCode).ShouldBe([0, 0, 0, 2]);
        Directory.EnumerateFileSystemEntries(_data.Path).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("sync connecteam --from 2025-13-01 --to 2025-12-10", "--from must be a date like 2025-12-10 (got '2025-13-01')")]
    [InlineData("sync connecteam --from 2025-12-10 --to 2025-12-01", "--to must not be before --from")]
    [InlineData("sync connecteam --from 2025-12-10", "'--to' is required")]
    [InlineData("sync connecteam --from 2024-01-01 --to 2025-12-31", "731 days; a sync takes at most 366 days")]
    [InlineData("sync podfactory --from 2025-12-10", "--from and --to go together")]
    [InlineData("sync podfactory --from 2025-12-01 --to 2025-12/10", "--to must be a date")]
    [InlineData("sync employees --from 2025-12-01", "unrecognized command or argument '--from'")]
    [InlineData("recompute --from 2025-12-10 --to 2025-12-01", "--to must not be before --from")]
    [InlineData("recompute --from 2024-12-01 --to 2025-12-10", "a recompute takes at most 366 days")]
    [InlineData("export scores --from 2025-01-01 --to 2025-12-31 --out OUT/scores.csv", "365 days; an export takes at most 93 days")]
    [InlineData("export costs --from 2025-12-01 --to 2025-12-10", "'--out' is required")]
    [InlineData("export costs --from 2025-12-01 --to 2025-12-10 --out /nonexistent/costs.csv", "--out's folder does not exist")]
    [InlineData("mappings import --file /nonexistent/mappings.csv", "File not found")]
    [InlineData("rates import --file /nonexistent/rates.csv", "File not found")]
    [InlineData("rates import", "'--file' is required")]
    [InlineData("sync everything", "sync: unrecognized command or argument 'everything'")]
    [InlineData("sync", "sync: a command is required: connecteam, podfactory, employees")]
    [InlineData("export everything --from 2025-12-01", "unrecognized command or argument 'everything'")]
    [InlineData("sycn employees", "unknown command 'sycn'")]
    [InlineData("--urls http://127.0.0.1:1 sync employees", "unrecognized command or argument '--urls'")]
    [InlineData("health --url not-a-url", "--url must be an absolute http:// or https:// address")]
    [InlineData("health --timeout 0", "--timeout must be a whole number of seconds from 1 to 60")]
    public async Task BadArguments_ExitTwoWithOneLineAndStartNothing(string command, string message)
    {
        var arguments = command.Replace("OUT/", _data.Path + "/", StringComparison.Ordinal).Split(' ');

        var (exitCode, stdout, stderr) = await AppProcess.RunCommandAsync(arguments, Unreachable(), QuickTimeout);

        exitCode.ShouldBe(2, stderr);
        stderr.ShouldContain(message);
        stderr.TrimEnd().Split('\n').Length.ShouldBe(1, stderr);
        stdout.ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(_data.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task SyncPodFactory_SourceUnreachable_ExitsNonZeroAndRecordsTheFailure()
    {
        var settings = Settings();
        settings["ConnectionStrings:PodFactory"] = "Server=127.0.0.1;Port=1;User ID=x;Password=secret-value;Database=pod;Connection Timeout=3";

        var (exitCode, stdout, stderr) = await AppProcess.RunCommandAsync(["sync", "podfactory"], settings, Timeout);

        exitCode.ShouldBe(1);
        stdout.ShouldContain("podfactory: Failed");
        stderr.ShouldContain("PodFactory database unreachable");
        (stdout + stderr).ShouldNotContain("secret-value");
    }

    /// <summary>MariaDB and Redis on ports nobody listens on, and a fresh data folder: any start of the host fails.</summary>
    private Dictionary<string, string> Unreachable() => new()
    {
        ["Data:Folder"] = _data.Path,
        ["Database:Provider"] = "MySql",
        ["Database:ServerVersion"] = "10.11-mariadb",
        ["ConnectionStrings:Productivity"] = $"Server=127.0.0.1;Port={AppProcess.FreePort()};User ID=x;Password=y;Database=productivity;Connection Timeout=5",
        ["ConnectionStrings:Redis"] = $"127.0.0.1:{AppProcess.FreePort()}",
        ["Seed:AdminEmail"] = "admin@example.test",
        ["Seed:AdminPassword"] = "Admin-Passw0rd-For-Tests",
    };

    private Dictionary<string, string> Settings() => new()
    {
        ["Data:Folder"] = _data.Path,
        ["Seed:AdminEmail"] = "admin@example.test",
        ["Seed:AdminPassword"] = "Admin-Passw0rd-For-Tests",
    };
}
