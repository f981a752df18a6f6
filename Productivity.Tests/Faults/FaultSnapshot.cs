using System.Globalization;
using MySqlConnector;

namespace Productivity.Tests.Faults;

/// <summary>
/// What a scenario's product database holds, in a form two databases can be compared in: the stored activities and
/// shifts one line each (keyed by the sources' ids and the Connecteam user, not by our auto-increment ids), the scores
/// as the <c>export scores</c> command writes them, and how many keys are stored more than once.
/// </summary>
public sealed record FaultSnapshot(IReadOnlyList<string> Activities, IReadOnlyList<string> Shifts, IReadOnlyList<string> Scores, long Duplicates)
{
    public static async Task<FaultSnapshot> ReadAsync(string database, IReadOnlyDictionary<string, string> configuration, string folder)
    {
        var csv = Path.Combine(folder, $"scores-{Guid.NewGuid():N}.csv");
        await FaultInput.RunAsync(["export", "scores", "--from", FaultInput.FromText, "--to", FaultInput.ToText, "--out", csv], configuration);
        return new FaultSnapshot(
            await LinesAsync(database, """
                SELECT CONCAT_WS('|', a.PodFactoryId, IFNULL(e.ConnecteamUserId, '-'), a.Action, a.ItemsCount, a.WindowStartUtc, a.WindowEndUtc,
                                 IFNULL(a.BusinessDay, '-'), IFNULL(s.ConnecteamShiftId, '-'))
                FROM activities a LEFT JOIN employees e ON e.Id = a.EmployeeId LEFT JOIN shifts s ON s.Id = a.SessionId
                ORDER BY a.PodFactoryId, a.Id
                """),
            await LinesAsync(database, """
                SELECT CONCAT_WS('|', s.ConnecteamShiftId, e.ConnecteamUserId, s.ClockInUtc, IFNULL(s.ClockOutUtc, '-'), s.BusinessDay)
                FROM shifts s JOIN employees e ON e.Id = s.EmployeeId ORDER BY s.ConnecteamShiftId, s.Id
                """),
            await File.ReadAllLinesAsync(csv),
            await ScalarAsync(database, """
                SELECT (SELECT COUNT(*) - COUNT(DISTINCT PodFactoryId) FROM activities)
                     + (SELECT COUNT(*) - COUNT(DISTINCT ConnecteamShiftId) FROM shifts)
                     + (SELECT COUNT(*) - COUNT(DISTINCT EmployeeId, BusinessDay) FROM daily_scores)
                """));
    }

    /// <summary>Null when equal, else the first difference (a 100,000-line list would bury it in a message).</summary>
    public string? DifferenceFrom(FaultSnapshot reference)
    {
        if (Duplicates != 0)
        {
            return $"{Duplicates} stored keys are duplicated";
        }
        return Difference("activities", Activities, reference.Activities)
            ?? Difference("shifts", Shifts, reference.Shifts)
            ?? Difference("scores export", Scores, reference.Scores);
    }

    public void ShouldEqual(FaultSnapshot reference)
    {
        var difference = DifferenceFrom(reference);
        difference.ShouldBeNull(difference);
        Scores.Count.ShouldBeGreaterThan(400, "the reference's scores export has a line per employee and day");
    }

    private static string? Difference(string what, IReadOnlyList<string> actual, IReadOnlyList<string> expected)
    {
        for (var i = 0; i < Math.Min(actual.Count, expected.Count); i++)
        {
            if (actual[i] != expected[i])
            {
                return $"{what} differ at line {i + 1}: expected '{expected[i]}', got '{actual[i]}' ({actual.Count} lines, reference {expected.Count})";
            }
        }
        return actual.Count == expected.Count ? null : $"{what}: {actual.Count} lines, reference {expected.Count}";
    }

    internal static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    internal static async Task<List<string>> LinesAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.IsDBNull(0) ? "NULL" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
        return lines;
    }
}
