using System.Globalization;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.PodFactory;

/// <summary>
/// Reads PodFactory's <c>report_actions</c> table straight from its MySQL reporting database (read-only, no EF).
/// Values are passed through as read; the sync decides which rows can be scored.
/// </summary>
public sealed class PodFactoryMySqlSource : IPodFactorySource
{
    private const string Columns = "id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at";

    private readonly string? _connectionString;
    private readonly string? _password;
    private readonly string? _configurationError;
    private readonly string _table;
    private readonly int _commandTimeoutSeconds;

    public PodFactoryMySqlSource(string? connectionString, IOptions<PodFactoryOptions> options)
    {
        var settings = options.Value;
        if (!PodFactoryOptionsValidator.IsPlainIdentifier(settings.Table))
        {
            throw new ArgumentException($"{PodFactoryOptions.SectionName}:Table must be a plain table name.", nameof(options));
        }
        _table = settings.Table;
        _commandTimeoutSeconds = settings.CommandTimeoutSeconds;

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _configurationError = $"{PodFactoryOptions.ConnectionStringKey} is empty";
            return;
        }
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString)
            {
                // The table stores UTC in DATETIME columns; MySqlConnector would return Kind=Unspecified.
                DateTimeKind = MySqlDateTimeKind.Utc,
                ConvertZeroDateTime = true,
            };
            _password = builder.Password;
            _connectionString = builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // The parser's message may quote part of the string, and so the password: leave it out.
            _configurationError = $"{PodFactoryOptions.ConnectionStringKey} is not a valid MySQL connection string";
        }
    }

    public Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync(
        DateTime createdAfterUtc, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync(ReadAfterSql(_table), command =>
        {
            command.Parameters.AddWithValue("@c", AsUtc(createdAfterUtc));
            command.Parameters.AddWithValue("@id", afterId);
            command.Parameters.AddWithValue("@limit", limit);
        }, cancellationToken);
    }

    /// <summary>
    /// The incremental read, every 10 s. Same rows as "created_at &gt; @c OR (created_at = @c AND id &gt; @id)", written
    /// as a range on created_at so that an index leading with created_at serves both the WHERE and the ORDER BY (InnoDB
    /// appends the primary key to a secondary index, so INDEX(created_at) is enough). PodFactory's table must have one:
    /// without it every poll scans and sorts the whole table (docs/decisions/0001-podfactory-cursor-index.md).
    /// </summary>
    internal static string ReadAfterSql(string table) =>
        $"SELECT {Columns} FROM `{table}` WHERE created_at >= @c AND (created_at > @c OR id > @id) ORDER BY created_at, id LIMIT @limit";

    public Task<IReadOnlyList<PodFactoryRow>> ReadWindowsAsync(
        DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM `{_table}` WHERE window_start >= @from AND window_start < @to ORDER BY id";
        return QueryAsync(sql, command =>
        {
            command.Parameters.AddWithValue("@from", AsUtc(fromUtc));
            command.Parameters.AddWithValue("@to", AsUtc(toUtc));
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<PodFactoryRow>> QueryAsync(
        string sql, Action<MySqlCommand> bind, CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            throw new PodFactorySourceException($"PodFactory is not configured: {_configurationError}.");
        }

        await using var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodFactorySourceException(
                $"PodFactory database unreachable ({PodFactoryOptions.ConnectionStringKey}): {Scrub(ex.Message)}", ex);
        }

        try
        {
            await using var command = new MySqlCommand(sql, connection) { CommandTimeout = _commandTimeoutSeconds };
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<PodFactoryRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(ReadRow(reader));
            }
            return rows;
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodFactorySourceException(
                $"PodFactory query on table '{_table}' failed ({PodFactoryOptions.ConnectionStringKey}): {Scrub(ex.Message)}", ex);
        }
    }

    private string Scrub(string message) =>
        string.IsNullOrEmpty(_password) ? message : message.Replace(_password, "***", StringComparison.Ordinal);

    private static PodFactoryRow ReadRow(MySqlDataReader reader) => new(
        Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
        ReadString(reader.GetValue(1)),
        ReadString(reader.GetValue(2)),
        ReadString(reader.GetValue(3)),
        ReadString(reader.GetValue(4)),
        ReadItems(reader.GetValue(5)),
        ReadDateTime(reader.GetValue(6)),
        ReadDateTime(reader.GetValue(7)),
        // A row without created_at cannot be positioned; it sorts first and the sync rejects it.
        ReadDateTime(reader.GetValue(8)) ?? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));

    private static string? ReadString(object value) => value switch
    {
        DBNull => null,
        string text => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static int? ReadItems(object value) => value switch
    {
        int count => count,
        long or uint or ulong or short or ushort or byte or sbyte => ToInt32(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        decimal count => ToInt32(count),
        double count when count == Math.Truncate(count) && count >= int.MinValue && count <= int.MaxValue => (int)count,
        float count when count == MathF.Truncate(count) && count >= int.MinValue && count <= int.MaxValue => (int)count,
        string text when int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) => count,
        _ => null,
    };

    private static int? ToInt32(decimal value) =>
        value == decimal.Truncate(value) && value >= int.MinValue && value <= int.MaxValue ? (int)value : null;

    // ConvertZeroDateTime turns '0000-00-00 00:00:00' into DateTime.MinValue, which is no real time: read it as null.
    private static DateTime? ReadDateTime(object value) => value switch
    {
        DateTime time when time == DateTime.MinValue => null,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        MySqlDateTime time when time.IsValidDateTime => DateTime.SpecifyKind(time.GetDateTime(), DateTimeKind.Utc),
        _ => null,
    };

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
