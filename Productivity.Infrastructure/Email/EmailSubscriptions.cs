using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Security;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Email;

/// <summary>
/// A user's own e-mail subscriptions (the profile page). The summaries are for Managers and Admins, checked against the
/// database on every call; the alert rules' topics will join <see cref="Topics"/> with their own role rule.
/// </summary>
public sealed class EmailSubscriptions(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    IEmailOutbox outbox,
    TimeProvider timeProvider)
{
    /// <summary>The topics a user may choose on the profile page, in its order.</summary>
    public static IReadOnlyList<string> Topics { get; } = [EmailTopics.DailySummary, EmailTopics.WeeklySummary];

    public async Task<SubscriptionSettings> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var id = UserId(user);
        var allowed = await access.MayAsync(user, Roles.Admin, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var topics = await db.EmailSubscriptions.AsNoTracking().Where(s => s.UserId == id).Select(s => s.Topic).ToListAsync(cancellationToken);
        return new SubscriptionSettings(outbox.Enabled, allowed, address, [.. topics.Where(Topics.Contains).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Subscribes or unsubscribes the caller; setting what is already set changes nothing.</summary>
    public async Task SetAsync(ClaimsPrincipal user, string topic, bool subscribed, CancellationToken cancellationToken = default)
    {
        if (!Topics.Contains(topic))
        {
            throw new AdminActionRefusedException(AdminRefusal.UnknownTopic, topic);
        }
        await access.RequireAsync(user, Roles.Admin, Roles.Manager);
        var id = UserId(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
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

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
}

/// <param name="EmailOn">Whether the site sends e-mail at all (<c>Email:Host</c>).</param>
/// <param name="MayReceiveSummaries">Whether the user is a Manager or Admin now.</param>
/// <param name="Address">Where the e-mails go: the account's e-mail.</param>
/// <param name="Topics">The topics the user subscribes to.</param>
public sealed record SubscriptionSettings(bool EmailOn, bool MayReceiveSummaries, string? Address, IReadOnlyList<string> Topics);
