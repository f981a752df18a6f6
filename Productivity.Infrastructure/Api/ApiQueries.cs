using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Security;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Api;

/// <summary>
/// The read API's queries. Each is the query a screen or an export already runs (the score and cost exports' row
/// queries, the employee-day report, the sync history), paged by a key instead of an offset, behind the same role check
/// against the database that the screen makes. Who the caller is comes from the token (its user's id); the scope is
/// checked by the endpoint.
/// </summary>
public sealed class ApiQueries(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, ICostQueries costs,
    ISyncAdministration sync, IEmployeeDayQueries days)
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 500;
    /// <summary>The sync history's own page limit (<see cref="SyncAdministration"/>).</summary>
    public const int MaxSyncRunLimit = 200;

    public static IReadOnlyList<ApiField> ScoreFields { get; } = ApiField.Of(ScoreExport.Table);

    public static IReadOnlyList<ApiField> CostFields { get; } = ApiField.Of(CostExport.Table);

    public static IReadOnlyList<ApiField> EmployeeFields { get; } =
    [
        new("employee_id", ApiFieldType.Integer, false), new("employee_name", ApiFieldType.String, false),
        new("connecteam_user_id", ApiFieldType.Integer, true), new("email", ApiFieldType.String, true),
        new("archived", ApiFieldType.Boolean, false), new("contractor", ApiFieldType.Boolean, false),
    ];

    public static IReadOnlyList<ApiField> SyncRunFields { get; } =
    [
        new("id", ApiFieldType.Integer, false), new("job", ApiFieldType.String, false), new("trigger", ApiFieldType.String, false),
        new("started_utc", ApiFieldType.Instant, false), new("finished_utc", ApiFieldType.Instant, true),
        new("status", ApiFieldType.String, false), new("items_read", ApiFieldType.Integer, false), new("added", ApiFieldType.Integer, false),
        new("updated", ApiFieldType.Integer, false), new("removed", ApiFieldType.Integer, false), new("rejected", ApiFieldType.Integer, false),
        new("changed_days", ApiFieldType.Integer, false), new("error", ApiFieldType.String, true),
    ];

    public static IReadOnlyList<ApiField> IdlePeriodFields { get; } =
    [
        new("shift_id", ApiFieldType.String, false), new("start_utc", ApiFieldType.Instant, false), new("end_utc", ApiFieldType.Instant, false),
        new("gap_minutes", ApiFieldType.Number, false), new("allowance_minutes", ApiFieldType.Number, false),
        new("excess_minutes", ApiFieldType.Number, false), new("rule", ApiFieldType.String, false),
        new("window_action", ApiFieldType.String, true), new("window_items", ApiFieldType.Integer, true),
    ];

    /// <summary>The score export's rows of the range (Managers and Admins, as the export), by day and employee id.</summary>
    public async Task<ApiRowPage<DayRowKey>> ScoresAsync(ClaimsPrincipal caller, DateOnly from, DateOnly to, DayRowKey? after, int limit,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(caller, Roles.Admin, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = ScoreExport.Query(db, from, to, null);
        if (after is not null)
        {
            rows = rows.Where(r => r.Day > after.Day || (r.Day == after.Day && r.EmployeeId > after.EmployeeId));
        }
        var read = await rows.OrderBy(r => r.Day).ThenBy(r => r.EmployeeId).Take(limit + 1).ToListAsync(cancellationToken);
        return ApiRowPage<DayRowKey>.Of(read, limit, r => new DayRowKey(r.Day, r.EmployeeId), ScoreExport.Table);
    }

    /// <summary>The cost export's rows of the range, by day and employee id, for a caller who may see money (as the Labour cost page decides).</summary>
    public async Task<ApiRowPage<DayRowKey>> CostsAsync(ClaimsPrincipal caller, DateOnly from, DateOnly to, DayRowKey? after, int limit,
        CancellationToken cancellationToken = default)
    {
        if (!await costs.MaySeeMoneyAsync(caller))
        {
            throw new AccessDeniedException(AccessDenial.RoleRequired, [Roles.Admin, Roles.Manager]);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = CostExport.Query(db, from, to);
        if (after is not null)
        {
            rows = rows.Where(r => r.Day > after.Day || (r.Day == after.Day && r.EmployeeId > after.EmployeeId));
        }
        var read = await rows.OrderBy(r => r.Day).ThenBy(r => r.EmployeeId).Take(limit + 1).ToListAsync(cancellationToken);
        return ApiRowPage<DayRowKey>.Of(read.Select(CostExport.RowOf).ToList(), limit, r => new DayRowKey(r.Day, r.EmployeeId), CostExport.Table);
    }

    /// <summary>Employees by id (Leads, Managers and Admins, as the employee list).</summary>
    public async Task<ApiRowPage<EmployeeKey>> EmployeesAsync(ClaimsPrincipal caller, int? afterId, int limit, CancellationToken cancellationToken = default)
    {
        await access.RequireViewerAsync(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var read = await db.Employees.AsNoTracking()
            .Where(e => afterId == null || e.Id > afterId)
            .OrderBy(e => e.Id)
            .Take(limit + 1)
            .Select(e => new EmployeeRow(e.Id, e.Name, e.ConnecteamUserId, e.Email, e.IsArchived, e.IsContractor))
            .ToListAsync(cancellationToken);
        return ApiRowPage<EmployeeKey>.Of(read, limit, r => new EmployeeKey(r.Id), static (writer, row) =>
        {
            // The exports' names for id, name and Connecteam id; the flags as JSON booleans.
            writer.WriteStartObject();
            writer.WriteNumber("employee_id", row.Id);
            writer.WriteString("employee_name", row.Name);
            WriteNumberOrNull(writer, "connecteam_user_id", row.ConnecteamUserId);
            if (row.Email is null)
            {
                writer.WriteNull("email");
            }
            else
            {
                writer.WriteString("email", row.Email);
            }
            writer.WriteBoolean("archived", row.IsArchived);
            writer.WriteBoolean("contractor", row.IsContractor);
            writer.WriteEndObject();
        });
    }

    /// <summary>The sync history, newest first (Admins, as Admin → Sync).</summary>
    public async Task<ApiRowPage<SyncRunKey>> SyncRunsAsync(ClaimsPrincipal caller, string? job, SyncRunKey? after, int limit,
        CancellationToken cancellationToken = default)
    {
        // One more than asked, to know whether a next page exists; the history caps a page at its own limit.
        var page = await sync.HistoryAsync(caller, new SyncRunQuery(job, 0, limit + 1, after), cancellationToken);
        return ApiRowPage<SyncRunKey>.Of(page.Items, limit, r => new SyncRunKey(r.StartedUtc, r.Id), static (writer, run) =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", run.Id);
            writer.WriteString("job", run.Job);
            writer.WriteString("trigger", run.Trigger);
            writer.WriteString("started_utc", Instant(run.StartedUtc));
            WriteInstantOrNull(writer, "finished_utc", run.FinishedUtc);
            writer.WriteString("status", run.Status.ToString());
            writer.WriteNumber("items_read", run.ItemsRead);
            writer.WriteNumber("added", run.Added);
            writer.WriteNumber("updated", run.Updated);
            writer.WriteNumber("removed", run.Removed);
            writer.WriteNumber("rejected", run.Rejected);
            writer.WriteNumber("changed_days", run.ChangedDays);
            if (run.Error is null)
            {
                writer.WriteNull("error");
            }
            else
            {
                writer.WriteString("error", run.Error);
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// One employee's day as the employee-day page builds it: the score row (the export's fields) and the day's idle
    /// periods with the rule that made each; null when the employee does not exist or the day has no score.
    /// </summary>
    public async Task<Action<Utf8JsonWriter>?> EmployeeDayAsync(ClaimsPrincipal caller, int employeeId, DateOnly day,
        CancellationToken cancellationToken = default)
    {
        var report = await days.GetAsync(caller, employeeId, day, cancellationToken);
        if (report?.Score is not { } score)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await ScoreExport.Query(db, day, day, [employeeId]).SingleOrDefaultAsync(cancellationToken)
            // Not stored yet (no recompute since the inputs arrived): the page shows the recomputed day, and so does the API.
            ?? new ScoreExport.Row
            {
                Day = day, EmployeeId = employeeId, Name = report.EmployeeName,
                ConnecteamUserId = await db.Employees.Where(e => e.Id == employeeId).Select(e => e.ConnecteamUserId).SingleAsync(cancellationToken),
                Items = score.Items, Points = score.Points, ClockedMinutes = score.ClockedMinutes, ActiveMinutes = score.ActiveMinutes,
                IdleMinutes = score.IdleMinutes, Utilization = score.Utilization, StandardMinutes = score.StandardMinutes,
                Performance = score.Performance, PrimaryRole = score.PrimaryRole, UnclockedItems = score.UnclockedItems,
                UnclockedWindows = score.UnclockedWindows,
            };
        var idle = report.Recomputed?.IdlePeriods ?? [];
        var stored = report.StoredScore is not null;
        var stale = report.IsStale;
        return writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("score");
            JsonTableWriter.WriteObject(ScoreExport.Table, writer, row);
            writer.WriteBoolean("stored", stored);
            writer.WriteBoolean("stale", stale);
            writer.WriteStartArray("idle_periods");
            foreach (var period in idle)
            {
                writer.WriteStartObject();
                writer.WriteString("shift_id", period.ShiftId);
                writer.WriteString("start_utc", Instant(period.StartUtc));
                writer.WriteString("end_utc", Instant(period.EndUtc));
                writer.WriteNumber("gap_minutes", Math.Round(period.GapMinutes, 4, MidpointRounding.AwayFromZero));
                writer.WriteNumber("allowance_minutes", Math.Round(period.AllowanceMinutes, 4, MidpointRounding.AwayFromZero));
                writer.WriteNumber("excess_minutes", Math.Round(period.ExcessMinutes, 4, MidpointRounding.AwayFromZero));
                writer.WriteString("rule", period.Rule.ToString());
                if (period.WindowAction is null)
                {
                    writer.WriteNull("window_action");
                }
                else
                {
                    writer.WriteString("window_action", period.WindowAction);
                }
                if (period.WindowItems is { } items)
                {
                    writer.WriteNumber("window_items", items);
                }
                else
                {
                    writer.WriteNull("window_items");
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        };
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Instant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteInstantOrNull(Utf8JsonWriter writer, string name, DateTime? utc)
    {
        if (utc is { } value)
        {
            writer.WriteString(name, Instant(value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private sealed record EmployeeRow(int Id, string Name, long? ConnecteamUserId, string? Email, bool IsArchived, bool IsContractor);
}

/// <summary>Where a page of employees ends.</summary>
public sealed record EmployeeKey(int Id);
