using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Alerts;
using Productivity.Core.Security;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Email;

/// <summary>
/// A user's own e-mail subscriptions (the profile page), checked against the database on every call: the summaries are
/// for Managers and Admins; an alert rule's e-mails for whoever may see its alerts now (<see cref="AlertAudience"/>: a
/// role the rule tells AND a role that may open the alert's page), so Leads subscribe to the person rules they are told.
/// </summary>
public sealed class EmailSubscriptions(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    IEmailOutbox outbox,
    TimeProvider timeProvider)
{
    /// <summary>The summary topics, in the page's order.</summary>
    public static IReadOnlyList<string> Topics { get; } = [EmailTopics.DailySummary, EmailTopics.WeeklySummary];

    public async Task<SubscriptionSettings> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var id = UserId(user);
        var held = await access.ActiveRolesAsync(user, cancellationToken) ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alertKinds = await AlertKindsAsync(db, held, cancellationToken);
        var mayReceiveSummaries = MayReceiveSummaries(held);
        var allowed = alertKinds.Select(EmailTopics.AlertRule).Concat(mayReceiveSummaries ? Topics : []).ToHashSet(StringComparer.Ordinal);
        var address = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var topics = await db.EmailSubscriptions.AsNoTracking().Where(s => s.UserId == id).Select(s => s.Topic).ToListAsync(cancellationToken);
        return new SubscriptionSettings(outbox.Enabled, mayReceiveSummaries, address,
            [.. topics.Where(allowed.Contains).Order(StringComparer.Ordinal)], alertKinds);
    }

    /// <summary>Subscribes or unsubscribes the caller; setting what is already set changes nothing.</summary>
    public async Task SetAsync(ClaimsPrincipal user, string topic, bool subscribed, CancellationToken cancellationToken = default)
    {
        var alertKind = Enum.GetValues<AlertKind>().Cast<AlertKind?>().FirstOrDefault(k => EmailTopics.AlertRule(k!.Value) == topic);
        if (!Topics.Contains(topic) && alertKind is null)
        {
            throw new AdminActionRefusedException(AdminRefusal.UnknownTopic, topic);
        }
        var id = UserId(user);
        var held = await access.ActiveRolesAsync(user, cancellationToken) ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (alertKind is { } kind)
        {
            if (!(await AlertKindsAsync(db, held, cancellationToken)).Contains(kind))
            {
                throw new AccessDeniedException(AccessDenial.RoleRequired, AlertAudience.MayOpen(AlertAudience.TargetOf(kind)));
            }
        }
        else if (!MayReceiveSummaries(held))
        {
            throw new AccessDeniedException(AccessDenial.RoleRequired, [Roles.Admin, Roles.Manager]);
        }
        if (!subscribed)
        {
            await db.EmailSubscriptions.Where(s => s.UserId == id && s.Topic == topic).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        if (await db.EmailSubscriptions.AnyAsync(s => s.UserId == id && s.Topic == topic, cancellationToken))
        {
            return;
        }
        db.EmailSubscriptions.Add(new EmailSubscription { UserId = id, Topic = topic, CreatedUtc = timeProvider.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second tab subscribed at the same moment: the unique index kept one row, which is what was asked.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await check.EmailSubscriptions.AnyAsync(s => s.UserId == id && s.Topic == topic, cancellationToken))
            {
                throw;
            }
        }
    }

    private static bool MayReceiveSummaries(IReadOnlyList<string> held) => held.Contains(Roles.Admin) || held.Contains(Roles.Manager);

    /// <summary>The alert rules whose alerts the user may see now, in the kinds' order.</summary>
    private static async Task<IReadOnlyList<AlertKind>> AlertKindsAsync(ProductivityDbContext db, IReadOnlyList<string> held,
        CancellationToken cancellationToken)
    {
        var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
        var visible = AlertAudience.VisibleKinds(held, rules);
        return [.. visible.Order()];
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
}

/// <param name="EmailOn">Whether the site sends e-mail at all (<c>Email:Host</c>).</param>
/// <param name="MayReceiveSummaries">Whether the user is a Manager or Admin now.</param>
/// <param name="Address">Where the e-mails go: the account's e-mail.</param>
/// <param name="Topics">The topics the user subscribes to (of those they may choose now).</param>
/// <param name="AlertRules">The alert rules the user may be told about now (<see cref="EmailTopics.AlertRule"/>).</param>
public sealed record SubscriptionSettings(bool EmailOn, bool MayReceiveSummaries, string? Address, IReadOnlyList<string> Topics,
    IReadOnlyList<AlertKind> AlertRules);
