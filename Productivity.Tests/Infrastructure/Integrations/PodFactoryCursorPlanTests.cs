using MySqlConnector;
using Productivity.Infrastructure.Integrations.PodFactory;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Integrations;

/// <summary>
/// The incremental read runs every 10 s, so MariaDB's plan for it must be an index range, not a scan of PodFactory's
/// table: with our (created_at, id) index, with the minimum PodFactory needs (INDEX(created_at): InnoDB appends the
/// primary key), and, for the decision record, what the primary key alone gives
/// (docs/decisions/0001-podfactory-cursor-index.md).
/// </summary>
[Trait("Category", "MySql")]
public sealed class PodFactoryCursorPlanTests : IAsyncLifetime
{
    private const int Rows = 20_000;
    private const string IndexLine = "INDEX ix_report_actions_created_at_id (created_at, id)";
    private MySqlTestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        await CreateAsync("report_actions", ReportActionsTable.CreateTable);
        await CreateAsync("created_at_only", ReportActionsTable.CreateTable.Replace(IndexLine, "INDEX ix_created_at (created_at)", StringComparison.Ordinal));
        await CreateAsync("primary_key_only", ReportActionsTable.CreateTable
            .Replace("created_at DATETIME NULL,", "created_at DATETIME NULL", StringComparison.Ordinal)
            .Replace(IndexLine, "", StringComparison.Ordinal));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("report_actions", "ix_report_actions_created_at_id")]
    [InlineData("created_at_only", "ix_created_at")]
    public async Task CursorQuery_IsAnIndexRangeWithoutSort(string table, string index)
    {
        var plan = await ExplainAsync(table);

        plan.Type.ShouldBe("range");
        plan.Key.ShouldBe(index);
        plan.Extra.ShouldNotContain("filesort");
        // A poll 30 minutes before the newest row (the overlap) touches that half hour only.
        plan.Rows.ShouldBeLessThan(Rows / 10);
    }

    [Fact]
    public async Task CursorQuery_WithOnlyThePrimaryKey_ScansAndSortsTheWholeTable()
    {
        var plan = await ExplainAsync("primary_key_only");

        plan.Type.ShouldBe("ALL");
        plan.Extra.ShouldContain("filesort");
    }

    private async Task CreateAsync(string table, string createTable)
    {
        // One row every 6 s over ~33 hours; the sequence engine makes them without a round trip per row.
        await ExecuteAsync(createTable.Replace("CREATE TABLE report_actions", $"CREATE TABLE {table}", StringComparison.Ordinal));
        await ExecuteAsync($"""
            INSERT INTO {table} (user_email, user_name, user_role, action, items_count, window_start, window_end, created_at)
            SELECT CONCAT('user', seq % 300, '@example.test'), 'Someone', 'Picker', 'Picking', seq % 40,
                   '2025-12-09 00:00:00' + INTERVAL seq * 6 SECOND, '2025-12-09 00:10:00' + INTERVAL seq * 6 SECOND,
                   '2025-12-09 00:11:00' + INTERVAL seq * 6 SECOND
            FROM seq_1_to_{Rows}
            """);
        await ExecuteAsync($"ANALYZE TABLE {table}");
    }

    private async Task<(string Type, string? Key, long Rows, string Extra)> ExplainAsync(string table)
    {
        await using var connection = new MySqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        // The source's own SQL and parameters: newest row minus the 30-minute overlap, as an idle poll reads.
        await using var command = new MySqlCommand("EXPLAIN " + PodFactoryMySqlSource.ReadAfterSql(table), connection);
        command.Parameters.AddWithValue("@c", new DateTime(2025, 12, 9, 0, 11, 0, DateTimeKind.Utc).AddSeconds(Rows * 6).AddMinutes(-30));
        command.Parameters.AddWithValue("@id", 0L);
        command.Parameters.AddWithValue("@limit", 5000);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        var plan = (reader.GetString("type"), reader.IsDBNull(reader.GetOrdinal("key")) ? null : reader.GetString("key"),
            Convert.ToInt64(reader.GetValue(reader.GetOrdinal("rows")), System.Globalization.CultureInfo.InvariantCulture),
            reader.IsDBNull(reader.GetOrdinal("Extra")) ? "" : reader.GetString("Extra"));
        (await reader.ReadAsync()).ShouldBeFalse();
        return plan;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
