using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Alerts;
using Productivity.Core.Realtime;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// Reads the caller's roles (<see cref="AccessCheck"/>, its own context) and the rules afresh on every call, so a role
/// taken away, a disabled account or a rule no longer telling a role ends what the bell shows at its next reload.
/// </summary>
internal sealed class AlertInbox(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    SiteClock siteClock,
    TimeProvider timeProvider,
    IAlertNotifier notifier) : IAlertInbox
{
    private const int MaxPageSize = 200;

    public async Task<OpenAlerts> OpenAsync(ClaimsPrincipal viewer, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The number of alerts to list cannot be negative.");
        }
        // A signed-in user without a role the app knows, or an account that may no longer act, simply sees no alert: the
        // bell sits in the layout of every page and must not fail it.
        var held = await access.ActiveRolesAsync(viewer, cancellationToken);
        if (held is null)
        {
            return OpenAlerts.None;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = await VisibleAsync(db, held, cancellationToken);
        if (visible is null)
        {
            return OpenAlerts.None;
        }
        var open = visible.Where(a => a.ClosedUtc == null);
        var counts = await open.GroupBy(a => a.AcknowledgedUtc == null)
            .Select(g => new { Unacknowledged = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rows = limit == 0 ? [] : await open.OrderByDescending(a => a.OpenedUtc).ThenByDescending(a => a.Id).Take(limit)
            .ToListAsync(cancellationToken);
        return new OpenAlerts(await ItemsAsync(db, rows, cancellationToken),
            counts.Sum(c => c.Count), counts.Where(c => c.Unacknowledged).Sum(c => c.Count));
    }

    public async Task<AlertHistoryPage> HistoryAsync(ClaimsPrincipal viewer, AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        if (query.From is { } first && query.To is { } last && first > last)
        {
            throw new ArgumentException($"The range starts ({first:yyyy-MM-dd}) after it ends ({last:yyyy-MM-dd}).", nameof(query));
        }
        if (query.Kind is { } asked && !Enum.IsDefined(asked))
        {
            throw new ArgumentException($"Unknown alert kind '{asked}'.", nameof(query));
        }
        var held = await access.ActiveRolesAsync(viewer, cancellationToken)
            ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = await VisibleAsync(db, held, cancellationToken);
        if (alerts is null)
        {
            return new AlertHistoryPage([], 0);
        }
        if (query.Kind is { } kind)
        {
            alerts = alerts.Where(a => a.Kind == kind);
        }
        alerts = query.State switch
        {
            AlertStateFilter.Open => alerts.Where(a => a.ClosedUtc == null),
            AlertStateFilter.Closed => alerts.Where(a => a.ClosedUtc != null),
            AlertStateFilter.Acknowledged => alerts.Where(a => a.AcknowledgedUtc != null),
            AlertStateFilter.NotAcknowledged => alerts.Where(a => a.AcknowledgedUtc == null),
            _ => alerts,
        };
        if (query.EmployeeId is { } employeeId)
        {
            alerts = alerts.Where(a => a.EmployeeId == employeeId);
        }
        if (query.From is { } from)
        {
            var start = siteClock.UtcRangeOf(from).StartUtc;
            alerts = alerts.Where(a => a.OpenedUtc >= start);
        }
        if (query.To is { } to)
        {
            var end = siteClock.UtcRangeOf(to).EndUtc;
            alerts = alerts.Where(a => a.OpenedUtc < end);
        }
        var total = await alerts.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await alerts.OrderByDescending(a => a.OpenedUtc).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AlertHistoryPage(await ItemsAsync(db, rows, cancellationToken), total);
    }

    public async Task<AcknowledgeResult> AcknowledgeAsync(ClaimsPrincipal viewer, long alertId, CancellationToken cancellationToken = default)
    {
        var held = await access.ActiveRolesAsync(viewer, cancellationToken)
            ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        var userId = viewer.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return new AcknowledgeResult(AcknowledgeOutcome.NotFound, null);
        }
        var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
        if (!AlertAudience.VisibleKinds(held, rules).Contains(alert.Kind))
        {
            var rule = rules.SingleOrDefault(r => r.Kind == alert.Kind);
            var allowed = AlertAudience.MayOpen(AlertAudience.TargetOf(alert.Kind)).Intersect(rule?.RolesTold ?? []).ToList();
            throw new AccessDeniedException(AccessDenial.RoleRequired, allowed);
        }
        // The name as it is now, kept with the alert like the audit trail keeps its actor's: the account may go later.
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => u.DisplayName ?? u.UserName).SingleOrDefaultAsync(cancellationToken) ?? viewer.Identity?.Name ?? userId;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        // One conditional update: of two people pressing at once exactly one changes the row, and the other is told it
        // was already done (no read-then-write race, on either provider).
        var changed = await db.Alerts.Where(a => a.Id == alertId && a.AcknowledgedUtc == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.AcknowledgedUtc, now)
                .SetProperty(a => a.AcknowledgedById, userId)
                .SetProperty(a => a.AcknowledgedByName, name), cancellationToken);
        var stored = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId, cancellationToken);
        var item = (await ItemsAsync(db, [stored], cancellationToken))[0];
        if (changed == 0)
        {
            return new AcknowledgeResult(AcknowledgeOutcome.AlreadyAcknowledged, item);
        }
        await notifier.PublishAsync(new AlertsChanged([], [], [alertId], timeProvider.GetUtcNow()), cancellationToken);
        return new AcknowledgeResult(AcknowledgeOutcome.Acknowledged, item);
    }

    /// <summary>The alerts of the kinds the roles may see under the rules as stored now; null when that is none.</summary>
    private static async Task<IQueryable<Alert>?> VisibleAsync(ProductivityDbContext db, IReadOnlyList<string> held, CancellationToken cancellationToken)
    {
        var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
        var visible = AlertAudience.VisibleKinds(held, rules);
        if (visible.Count == 0)
        {
            return null;
        }
        // One inequality per hidden kind (at most seven) rather than a list parameter: plain SQL on both providers,
        // where a collection of converted enums is not translated alike.
        var alerts = db.Alerts.AsNoTracking();
        foreach (var hidden in Enum.GetValues<AlertKind>().Where(k => !visible.Contains(k)))
        {
            alerts = alerts.Where(a => a.Kind != hidden);
        }
        return alerts;
    }

    private static async Task<List<AlertItem>> ItemsAsync(ProductivityDbContext db, List<Alert> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => r.EmployeeId is not null).Select(r => r.EmployeeId!.Value).Distinct().ToList();
        var names = ids.Count == 0
            ? []
            : await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        return rows.Select(a => new AlertItem(a.Id, a.Kind, AlertAudience.TargetOf(a.Kind), a.EmployeeId,
            a.EmployeeId is { } id ? names.GetValueOrDefault(id) : null, a.BusinessDay, a.Reference, a.Measure, a.Limit, a.Count,
            a.SinceUtc, a.OpenedUtc, a.ClosedUtc, a.AcknowledgedByName, a.AcknowledgedUtc)).ToList();
    }
}
