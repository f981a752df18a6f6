using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Cli;

/// <summary>The operator commands, run as a real process with the site's configuration (demo sources, SQLite).</summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
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

    [Theory]
    [InlineData("sync connecteam --from 2025-13-01 --to 2025-12-10", "--from must be a date")]
    [InlineData("sync connecteam --from 2025-12-10 --to 2025-12-01", "--to must not be before --from")]
    [InlineData("mappings import --file /nonexistent/mappings.csv", "File not found")]
    [InlineData("rates import --file /nonexistent/rates.csv", "File not found")]
    [InlineData("sync everything", "Usage:")]
    public async Task BadArguments_ExitTwoWithTheReason(string command, string message)
    {
        var (exitCode, _, stderr) = await AppProcess.RunCommandAsync(command.Split(' '), Settings(), Timeout);

        exitCode.ShouldBe(2);
        stderr.ShouldContain(message);
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

    private Dictionary<string, string> Settings() => new()
    {
        ["Data:Folder"] = _data.Path,
        ["Seed:AdminEmail"] = "admin@example.test",
        ["Seed:AdminPassword"] = "Admin-Passw0rd-For-Tests",
    };
}
