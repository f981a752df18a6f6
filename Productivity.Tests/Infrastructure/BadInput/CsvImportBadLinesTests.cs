using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Infrastructure.BadInput;

/// <summary>
/// Mapping and rate CSV files at volume: generated files (wrong column counts, blank and header lines, odd Unicode,
/// quotes, bad numbers and dates, unknown users, conflicting lines) uploaded through the real imports
/// (<see cref="IMappingAdministration.ImportCsvAsync"/>, <see cref="IPayRateAdministration.ImportCsvAsync"/>) on
/// MariaDB and checked line by line against an oracle written here from the documented formats
/// (<c>email,connecteam_user_id</c>; <c>connecteam_user_id,hourly_rate,effective_from</c> with invariant numbers, at
/// most four decimals, more than 0 and at most 10,000 an hour, ISO dates; an optional header; fields may be quoted or
/// padded): every bad line is rejected with its line number and a reason and counted, every good one stored, and the
/// same file imported again changes nothing.
/// </summary>
public sealed class CsvImportBadLinesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Files = 30;
    private const int LinesPerFile = 40;
    private const int MaxEmail = 256;
    private static readonly long[] UserIds = [501, 502, 503, 504, 505, 506];

    private TestHost _host = null!;
    private Dictionary<long, int> _employees = null!;
    private ClaimsPrincipal _admin = null!;
    private int _file;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync("MySql");
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employees = UserIds.Select(id => new Employee { Name = $"Person {id}", ConnecteamUserId = id }).ToList();
        db.Employees.AddRange(employees);
        await db.SaveChangesAsync();
        _employees = employees.ToDictionary(e => e.ConnecteamUserId!.Value, e => e.Id);
        _admin = await TestPrincipals.AdminAsync(_host.Services);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GeneratedMappingFiles_BadLinesRejectedWithLineAndReason_GoodStored_SecondImportChangesNothing()
    {
        var watch = Stopwatch.StartNew();
        var totals = new int[2];
        await MappingFile.SampleAsync(async lines =>
        {
            var file = Interlocked.Increment(ref _file);
            // Each file's e-mails are its own ({f}), so that files do not meet each other's mappings.
            var rendered = lines.Select(l => l.Replace("{f}", file.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
            var expected = JudgeMappings(rendered);
            var mappings = _host.Services.GetRequiredService<IMappingAdministration>();

            var first = await mappings.ImportCsvAsync(_admin, Utf8(rendered));

            first.Error.ShouldBeNull($"file {file}: {Print(rendered)}");
            CheckRejections(first.Rejected, first.RejectedCount, expected.Bad, file, rendered);
            first.Applied.ShouldBe(expected.Stored.Count, $"file {file}: {Print(rendered)}");
            var stored = await QueryAsync(db => db.EmployeeEmails.AsNoTracking().Where(m => m.IsVerified).ToListAsync());
            foreach (var (email, employee) in expected.Stored)
            {
                stored.Where(m => m.Email == email).Select(m => m.EmployeeId).ShouldBe([employee], $"file {file}: '{email}' in {Print(rendered)}");
            }
            var snapshot = await MappingSnapshotAsync();

            var second = await mappings.ImportCsvAsync(_admin, Utf8(rendered));

            second.Error.ShouldBeNull();
            second.Applied.ShouldBe(0, $"file {file}: the second import applied lines again: {Print(rendered)}");
            second.RejectedCount.ShouldBe(first.RejectedCount);
            (await MappingSnapshotAsync()).ShouldBe(snapshot);
            totals[0] += expected.Stored.Count;
            totals[1] += expected.Bad.Count;
        }, writeLine: output.WriteLine, seed: BadInputSeed.Value, iter: Files, threads: 1, print: Print);

        Report("mapping", totals, watch);
    }

    [Fact]
    public async Task GeneratedRateFiles_BadLinesRejectedWithLineAndReason_GoodStored_SecondImportChangesNothing()
    {
        var watch = Stopwatch.StartNew();
        var totals = new int[2];
        var known = new Dictionary<(int Employee, DateOnly From), decimal>();
        await RateFile.SampleAsync(async lines =>
        {
            var file = Interlocked.Increment(ref _file);
            var expected = JudgeRates(lines, known);
            var rates = _host.Services.GetRequiredService<IPayRateAdministration>();

            var first = await rates.ImportCsvAsync(_admin, Utf8(lines));

            first.Error.ShouldBeNull($"file {file}: {Print(lines)}");
            CheckRejections(first.Rejected, first.RejectedCount, expected.Bad, file, [.. lines.Select(l => l.Line)]);
            first.Applied.ShouldBe(expected.Added, $"file {file}: {Print(lines)}");
            var stored = await QueryAsync(db => db.PayRates.AsNoTracking().Where(r => r.EmployeeId != null).ToListAsync());
            stored.Select(r => (r.EmployeeId!.Value, r.EffectiveFrom)).ShouldBeUnique();
            stored.Select(r => Rate(r.EmployeeId!.Value, r.EffectiveFrom, r.HourlyRate))
                .ShouldBe(known.Select(k => Rate(k.Key.Employee, k.Key.From, k.Value)), ignoreOrder: true);
            var snapshot = await RateSnapshotAsync();

            var second = await rates.ImportCsvAsync(_admin, Utf8(lines));

            second.Error.ShouldBeNull();
            second.Applied.ShouldBe(0);
            second.RejectedCount.ShouldBe(first.RejectedCount);
            (await RateSnapshotAsync()).ShouldBe(snapshot);
            totals[0] += expected.Good;
            totals[1] += expected.Bad.Count;
        }, writeLine: output.WriteLine, seed: BadInputSeed.Value, iter: Files, threads: 1, print: Print);

        Report("rate", totals, watch);
    }

    private static string Rate(int employee, DateOnly from, decimal rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{employee}|{from:yyyy-MM-dd}|{rate:0.####}");

    private void Report(string kind, int[] totals, Stopwatch watch)
    {
        output.WriteLine($"seed {BadInputSeed.Value}: {kind} files, {totals[0] + totals[1]} lines checked ({totals[0]} good, {totals[1]} bad) " +
            $"in {watch.Elapsed.TotalSeconds:0.0} s");
        (totals[0] + totals[1]).ShouldBeGreaterThanOrEqualTo(1000);
        totals[0].ShouldBeGreaterThan(150);
        totals[1].ShouldBeGreaterThan(150);
    }

    /// <summary>Each bad line is reported under its own line number, with a reason; the count covers every one.</summary>
    private static void CheckRejections(IReadOnlyList<Productivity.Core.Integrations.RejectedRow> rejected, int count, List<int> bad, int file,
        List<string> lines)
    {
        count.ShouldBe(bad.Count, $"file {file}: rejected {string.Join("; ", rejected.Select(r => $"{r.Key}: {r.Reason}"))} in {Print(lines)}");
        rejected.Select(r => r.Key).ShouldBe(bad.Select(n => $"line {n}"), ignoreOrder: true,
            $"file {file}: rejected {string.Join("; ", rejected.Select(r => $"{r.Key}: {r.Reason}"))} in {Print(lines)}");
        rejected.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Reason));
    }

    // The oracles.

    private static string Field(string value) => value.Trim().Trim('"').Trim();

    private static bool Skipped(string line, int number, string header) =>
        string.IsNullOrWhiteSpace(line) || (number == 1 && line.TrimStart().StartsWith(header, StringComparison.OrdinalIgnoreCase));

    /// <summary>A file's first character U+FEFF is the UTF-8 byte-order mark, not data (the upload is read as UTF-8).</summary>
    private static string Line(IReadOnlyList<string> lines, int i) => i == 0 && lines[0].StartsWith('\uFEFF') ? lines[0][1..] : lines[i];

    private (Dictionary<string, int> Stored, List<int> Bad) JudgeMappings(List<string> lines)
    {
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        var bad = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var line = Line(lines, i);
            if (Skipped(line, number, "email"))
            {
                continue;
            }
            var parts = line.Split(',');
            var email = parts.Length == 2 ? Field(parts[0]).ToLowerInvariant() : "";
            var id = parts.Length == 2 ? Field(parts[1]) : "";
            if (parts.Length != 2 || email.Length == 0 || !email.Contains('@', StringComparison.Ordinal) || email.Length > MaxEmail
                || !Regex.IsMatch(id, "^-?[0-9]{1,18}$") || !_employees.TryGetValue(long.Parse(id, CultureInfo.InvariantCulture), out var employee)
                || (stored.TryGetValue(email, out var other) && other != employee))
            {
                bad.Add(number);
                continue;
            }
            stored[email] = employee;
        }
        return (stored, bad);
    }

    private (int Good, int Added, List<int> Bad) JudgeRates(Row[] rows, Dictionary<(int, DateOnly), decimal> known)
    {
        var (good, added, bad) = (0, 0, new List<int>());
        for (var i = 0; i < rows.Length; i++)
        {
            var number = i + 1;
            var line = Line([.. rows.Select(r => r.Line)], i);
            if (Skipped(line, number, "connecteam_user_id"))
            {
                continue;
            }
            var parts = line.Split(',').Select(Field).ToArray();
            if (parts.Length != 3 || !Regex.IsMatch(parts[0], "^[0-9]{1,18}$") || !_employees.TryGetValue(long.Parse(parts[0], CultureInfo.InvariantCulture), out var employee)
                || !Regex.IsMatch(parts[1], @"^([0-9]{1,20}\.?[0-9]{0,20}|\.[0-9]{1,20})$")
                || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
                || rate <= 0 || rate > 10_000m || decimal.Round(rate, 4) != rate
                || !Regex.IsMatch(parts[2], "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
                || !DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || (known.TryGetValue((employee, from), out var existing) && existing != rate))
            {
                bad.Add(number);
                continue;
            }
            good++;
            if (known.TryAdd((employee, from), rate))
            {
                added++;
            }
        }
        return (good, added, bad);
    }

    // The generators: lines mixing good ones with the kinds of bad ones a hand-edited spreadsheet produces.

    private static readonly Gen<string> Id = Gen.Frequency(
        (8, Gen.OneOf(UserIds).Select(id => id.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf(" 503 ", "\"504\"", "424242", "-501", "abc", "", "5.0", "99999999999999999999999", "٥٠١", "50 1")));

    private static readonly Gen<string> Email = Gen.Frequency(
        (6, Gen.Int[1, 30].Select(n => $"worker{n}.{{f}}@podfactory.test")),
        (2, Gen.OneOf(" Worker1.{f}@PodFactory.test ", "\"worker2.{f}@podfactory.test\"", "zoë.{f}@fábrica.test", "用户{f}@例子.测试",
            "emoji😀{f}@x.test", "o'brien{f}@x.test")),
        (2, Gen.OneOf("", "   ", "no-at-sign{f}", "\"\"", "email{f}")),
        (1, Gen.Int[MaxEmail - 30, 600].Select(n => new string('a', n) + "{f}@x.test")));

    private static readonly Gen<string> MappingLine = Gen.Frequency(
        (10, Gen.Select(Email, Id, (email, id) => $"{email},{id}")),
        (1, Gen.OneOf("", "   ", ",", "only-one-column{f}@x.test", "a{f}@x.test,501,extra", "\t", "\uFEFF", "a{f}@x.test;501")),
        (1, Gen.Int[1000, 20000].Select(n => new string('x', n) + "@{f}.test,501")));

    private static readonly Gen<List<string>> MappingFile = Gen.Select(Gen.Bool, MappingLine.Array[LinesPerFile], List<string> (header, lines) =>
        header ? ["email,connecteam_user_id", .. lines] : [.. lines]);

    private static readonly Gen<string> RateGen = Gen.Frequency(
        (8, Gen.Int[1, 99_999].Select(cents => (cents / 100m).ToString("0.##", CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("25", "0.0001", "10000", "10000.0000", " 30 ", "\"18.5\"")),
        (2, Gen.OneOf("0", "-5", "abc", "", "1e3", "25.12345", "10000.0001", "99999999999999999999999999999999", "12.", ".5",
            "$20", "20 USD", "١٢")));

    private static readonly Gen<string> Date = Gen.Frequency(
        (8, Gen.Int[0, 800].Select(d => new DateOnly(2024, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("0001-01-01", "9999-12-31", "2025-01-01")),
        (2, Gen.OneOf("2025-02-30", "12/01/2025", "", "2025-1-5", "2025-13-01", "tomorrow", "2025-12-01T00:00:00")));

    private static readonly Gen<Row> RateLine = Gen.Frequency(
        (10, Gen.Select(Id, RateGen, Date, (id, rate, date) => new Row($"{id},{rate},{date}"))),
        (1, Gen.OneOf("", "  ", ",,", "501,25", "501,25,2025-01-01,extra", "501;25;2025-01-01", "\uFEFF501,25,2025-01-01")
            .Select(line => new Row(line))),
        (1, Gen.Int[1000, 20000].Select(n => new Row($"501,{new string('9', n)},2025-01-01"))));

    private static readonly Gen<Row[]> RateFile = Gen.Select(Gen.Bool, RateLine.Array[LinesPerFile], Row[] (header, lines) =>
        header ? [new Row("connecteam_user_id,hourly_rate,effective_from"), .. lines] : lines);

    /// <summary>One line of a rate file (a record, so that CsCheck prints it).</summary>
    public sealed record Row(string Line);

    private static MemoryStream Utf8(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));

    private static MemoryStream Utf8(Row[] rows) => Utf8(rows.Select(r => r.Line));

    private Task<List<string>> MappingSnapshotAsync() => QueryAsync(async db =>
        (await db.EmployeeEmails.AsNoTracking().OrderBy(m => m.Id).ToListAsync())
        .Select(m => $"{m.Id}|{m.Email}|{m.EmployeeId}|{m.IsVerified}|{m.VerifiedUtc:O}")
        .Append($"audit {await db.AuditEntries.CountAsync()}")
        .ToList());

    private Task<List<string>> RateSnapshotAsync() => QueryAsync(async db =>
        (await db.PayRates.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
        .Select(r => $"{r.Id}|{r.EmployeeId}|{r.HourlyRate}|{r.EffectiveFrom}")
        .Append($"audit {await db.AuditEntries.CountAsync()}")
        .ToList());

    private async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = _host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    private static string Print(IEnumerable<string> lines) =>
        string.Join(" ⏎ ", lines.Select(l => l.Length <= 60 ? l : $"{l[..30]}…({l.Length} chars)"));

    private static string Print(Row[] rows) => Print(rows.Select(r => r.Line));
}
