using System.Globalization;
using System.Text;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Sync;

namespace Productivity.Web.Api;

/// <summary>
/// Opaque page cursors: URL-safe base64 of the list, the query it belongs to (the range, the job filter) and the key of
/// the last row sent. Keys, not offsets, so rows added while a client pages never repeat or skip a row it has not read.
/// A cursor names its query, so one replayed against another range is refused instead of silently skipping rows. It
/// is not a secret and not signed: it only says where to continue, and every page is checked against the caller's
/// rights like the first.
/// </summary>
public static class ApiCursor
{
    private const string Version = "1";

    public static string ForDays(string list, DateOnly from, DateOnly to, DayRowKey key) =>
        Encode(list, Iso(from), Iso(to), Iso(key.Day), key.EmployeeId.ToString(CultureInfo.InvariantCulture));

    public static string ForEmployees(EmployeeKey key) => Encode("employees", key.Id.ToString(CultureInfo.InvariantCulture));

    public static string ForSyncRuns(string? job, SyncRunKey key) =>
        Encode("sync-runs", job ?? "", key.StartedUtc.Ticks.ToString(CultureInfo.InvariantCulture), key.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The key a days cursor continues after; false with a reason when it is not one of this query's cursors.</summary>
    public static bool TryReadDays(string cursor, string list, DateOnly from, DateOnly to, out DayRowKey? key, out string? problem)
    {
        key = null;
        if (!TryDecode(cursor, list, 4, out var parts, out problem))
        {
            return false;
        }
        if (parts[0] != Iso(from) || parts[1] != Iso(to))
        {
            problem = $"The cursor belongs to the range {parts[0]}..{parts[1]}, not {Iso(from)}..{Iso(to)}: page a range with the cursors it returned.";
            return false;
        }
        if (!DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var employeeId))
        {
            problem = Malformed;
            return false;
        }
        key = new DayRowKey(day, employeeId);
        return true;
    }

    public static bool TryReadEmployees(string cursor, out EmployeeKey? key, out string? problem)
    {
        key = null;
        if (!TryDecode(cursor, "employees", 1, out var parts, out problem))
        {
            return false;
        }
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            problem = Malformed;
            return false;
        }
        key = new EmployeeKey(id);
        return true;
    }

    public static bool TryReadSyncRuns(string cursor, string? job, out SyncRunKey? key, out string? problem)
    {
        key = null;
        if (!TryDecode(cursor, "sync-runs", 3, out var parts, out problem))
        {
            return false;
        }
        if (parts[0] != (job ?? ""))
        {
            problem = "The cursor belongs to another job filter: page a list with the cursors it returned.";
            return false;
        }
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            problem = Malformed;
            return false;
        }
        key = new SyncRunKey(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }

    private const string Malformed = "The cursor is not valid: pass the 'next_cursor' of the previous page unchanged.";

    private static string Encode(string list, params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('|', [Version, list, .. parts])))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string cursor, string list, int count, out string[] parts, out string? problem)
    {
        parts = [];
        problem = Malformed;
        if (cursor.Length is 0 or > 512)
        {
            return false;
        }
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var all = text.Split('|');
        if (all.Length != count + 2 || all[0] != Version)
        {
            return false;
        }
        if (all[1] != list)
        {
            problem = $"The cursor belongs to the list '{all[1]}', not '{list}'.";
            return false;
        }
        parts = all[2..];
        problem = null;
        return true;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
