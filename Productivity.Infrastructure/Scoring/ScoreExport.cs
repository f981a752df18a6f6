using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>The score export: one CSV row per employee per day, site-local dates, '.' decimals, empty missing performance.</summary>
public sealed class ScoreExport(IDbContextFactory<ProductivityDbContext> contextFactory)
{
    public const string Header =
        "date,employee_id,employee_name,connecteam_user_id,items,points,clocked_minutes,active_minutes,idle_minutes,utilization," +
        "standard_minutes,performance,primary_role,unclocked_items,unclocked_windows";

    public async Task<int> WriteCsvAsync(DateOnly from, DateOnly to, TextWriter writer, IReadOnlyCollection<int>? employeeIds = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.DailyScores.AsNoTracking().Where(s => s.BusinessDay >= from && s.BusinessDay <= to);
        if (employeeIds is not null)
        {
            query = query.Where(s => employeeIds.Contains(s.EmployeeId));
        }
        var rows = await query
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new { Score = s, e.Name, e.ConnecteamUserId })
            .OrderBy(r => r.Score.BusinessDay).ThenBy(r => r.Name).ThenBy(r => r.Score.EmployeeId)
            .ToListAsync(cancellationToken);
        await writer.WriteLineAsync(Header);
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            var s = row.Score;
            line.Clear()
                .Append(s.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(s.EmployeeId.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.Name)).Append(',')
                .Append(row.ConnecteamUserId?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.Items.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(s.Points)).Append(',')
                .Append(Number(s.ClockedMinutes)).Append(',')
                .Append(Number(s.ActiveMinutes)).Append(',')
                .Append(Number(s.IdleMinutes)).Append(',')
                .Append(Number(s.Utilization)).Append(',')
                .Append(Number(s.StandardMinutes)).Append(',')
                .Append(s.Performance is { } performance ? Number(performance) : "").Append(',')
                .Append(Field(s.PrimaryRole)).Append(',')
                .Append(s.UnclockedItems.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.UnclockedWindows.ToString(CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line.ToString());
        }
        return rows.Count;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A text cell (numbers go through <see cref="Number"/> and are never guarded, so "-3" stays a number).</summary>
    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        // A leading formula character, or a leading tab or CR (some spreadsheets skip them before one), gets a "'" so a
        // spreadsheet never executes a name. RFC 4180 quoting, also for ';': spreadsheets in many locales split on it.
        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",;\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
