using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Productivity.Core.Alerts;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// Queues the e-mails about newly opened alerts into the evaluation's own transaction (record 0033): the e-mails exist
/// exactly when the alerts do, so an evaluation that loses the race to open an alert (and is rolled back) queues nothing,
/// and one that opens it queues them once. Sending is the outbox's business: a down SMTP server only delays them.
/// </summary>
/// <remarks>
/// Recipients are decided from the state in that transaction: subscribed to the rule's topic, enabled, not locked, with
/// an address, and allowed to see the alert now (<see cref="AlertAudience"/>: told by the rule AND may open its page).
/// More than <see cref="EmailOptions.AlertDigestThreshold"/> alerts for one recipient from one evaluation become one
/// digest instead of single e-mails.
/// </remarks>
public sealed class AlertMailer(IEmailOutbox outbox, IOptions<EmailOptions> options, IServiceProvider services, ILogger<AlertMailer> logger)
{
    /// <summary>The key of the single e-mail about <paramref name="alertId"/> to <paramref name="userId"/>.</summary>
    public static string SingleKey(long alertId, string userId) => $"alert:{alertId}:{userId}";

    /// <summary>
    /// The key of a digest: its first alert (alerts are opened once, so an alert is in at most one evaluation's digest).
    /// </summary>
    public static string DigestKey(long firstAlertId, string userId) => $"alert-digest:{firstAlertId}:{userId}";

    /// <summary>Adds the e-mails about <paramref name="opened"/> (saved) to <paramref name="db"/>; returns how many.</summary>
    public async Task<int> AddAsync(ProductivityDbContext db, IReadOnlyList<Alert> opened, IReadOnlyList<AlertRule> rules,
        CancellationToken cancellationToken)
    {
        if (opened.Count == 0 || !outbox.Enabled)
        {
            return 0;
        }
        var topics = opened.Select(a => a.Kind).Distinct().ToDictionary(EmailTopics.AlertRule, k => k);
        var topicNames = topics.Keys.ToList();
        var subscriptions = await db.EmailSubscriptions.AsNoTracking().Where(s => topicNames.Contains(s.Topic))
            .Select(s => new { s.UserId, s.Topic }).ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return 0;
        }
        var composer = services.GetService<IAlertMailComposer>();
        if (composer is null)
        {
            // A host without Productivity.Web (the command line) has no wording; it does not evaluate alerts either.
            logger.LogWarning("Alert e-mails skipped: no composer in this host.");
            return 0;
        }
        var userIds = subscriptions.Select(s => s.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.IsDisabled, u.LockoutEnd }).ToListAsync(cancellationToken);
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);
        var employeeIds = opened.Where(a => a.EmployeeId is not null).Select(a => a.EmployeeId!.Value).Distinct().ToList();
        var names = employeeIds.Count == 0
            ? []
            : await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? null : options.Value.BaseUrl.TrimEnd('/');

        var queued = 0;
        foreach (var user in users.Where(u => ApplicationUser.MayAct(u.IsDisabled, u.LockoutEnd) && !string.IsNullOrWhiteSpace(u.Email)))
        {
            var visible = AlertAudience.VisibleKinds([.. roles[user.Id]], rules);
            var subscribed = subscriptions.Where(s => s.UserId == user.Id).Select(s => topics[s.Topic]).ToHashSet();
            var theirs = opened.Where(a => subscribed.Contains(a.Kind) && visible.Contains(a.Kind)).OrderBy(a => a.Id)
                .Select(a => new AlertMailItem(a, a.EmployeeId is { } e ? names.GetValueOrDefault(e) : null)).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }
            if (theirs.Count > options.Value.AlertDigestThreshold)
            {
                var digest = await composer.ComposeAsync(new AlertMail(theirs, IsDigest: true, baseUrl), cancellationToken);
                outbox.Add(db, new OutgoingEmail([user.Email!], digest.Subject, digest.HtmlBody, digest.TextBody, [],
                    DigestKey(theirs[0].Alert.Id, user.Id)));
                queued++;
                continue;
            }
            foreach (var item in theirs)
            {
                var single = await composer.ComposeAsync(new AlertMail([item], IsDigest: false, baseUrl), cancellationToken);
                outbox.Add(db, new OutgoingEmail([user.Email!], single.Subject, single.HtmlBody, single.TextBody, [],
                    SingleKey(item.Alert.Id, user.Id)));
                queued++;
            }
        }
        return queued;
    }
}
