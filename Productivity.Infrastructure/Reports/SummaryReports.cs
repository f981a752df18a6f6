using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Auditing;
using Productivity.Core.Reports;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Quartz;

namespace Productivity.Infrastructure.Reports;

/// <summary>
/// The daily and weekly summary e-mails: who gets them (subscribed users who are Managers or Admins now), what they
/// say (<see cref="SummaryReportBuilder"/>, worded by Productivity.Web's <see cref="ISummaryMailComposer"/>) and the
/// period's scores as xlsx (<see cref="ScoreExport"/>), queued in the outbox one e-mail per recipient.
/// </summary>
public sealed class SummaryReports(
    IDbContextFactory<ProductivityDbContext> contexts,
    SummaryReportBuilder builder,
    ScoreExport scores,
    ISummaryMailComposer composer,
    IEmailOutbox outbox,
    AccessCheck access,
    AuditLog audit,
    SiteClock siteClock,
    EmailSchedule schedule,
    TimeProvider timeProvider,
    ILogger<SummaryReports> logger,
    ISchedulerFactory? schedulerFactory = null)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The period a summary run at <paramref name="runUtc"/> reports (the firing due at or before it).</summary>
    public (DateOnly From, DateOnly To) PeriodAt(SummaryKind kind, DateTime runUtc) =>
        SummaryPeriod.Of(kind, SummaryPeriod.DueDay(kind, runUtc, schedule.SummaryTime, siteClock));

    /// <summary>
    /// A scheduled firing (on one node of the cluster). Each recipient's e-mail carries the key kind + period +
    /// recipient, so a second run of the same firing (a misfire, the start-up catch-up, a node recovering another's
    /// firing) queues nothing twice. Returns the e-mails queued.
    /// </summary>
    public async Task<int> RunScheduledAsync(SummaryKind kind, DateTime firedUtc, CancellationToken cancellationToken = default)
    {
        if (!outbox.Enabled)
        {
            return 0;
        }
        var (from, to) = PeriodAt(kind, firedUtc);
        var recipients = await RecipientsAsync(kind, cancellationToken);
        var keys = recipients.ToDictionary(r => r.UserId, r => Key(kind, from, r.UserId));
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var values = keys.Values.ToList();
            var queuedBefore = await db.EmailOutbox.AsNoTracking().Where(m => values.Contains(m.DeduplicationKey!))
                .Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken);
            recipients = [.. recipients.Where(r => !queuedBefore.Contains(keys[r.UserId]))];
        }
        if (recipients.Count == 0)
        {
            return 0;
        }
        var mail = await PrepareAsync(kind, from, to, cancellationToken);
        var queued = 0;
        foreach (var recipient in recipients)
        {
            if (await outbox.EnqueueAsync(mail.To(recipient.Email, keys[recipient.UserId]), cancellationToken) == EnqueueResult.Queued)
            {
                queued++;
            }
        }
        logger.LogInformation("{Kind} summary of {From:yyyy-MM-dd}..{To:yyyy-MM-dd}: {Queued} e-mails queued.", kind, from, to, queued);
        await NudgeSenderAsync(cancellationToken);
        return queued;
    }

    /// <summary>
    /// An Admin's "Send now": the period the next scheduled run would report as of now (daily: yesterday; weekly: last
    /// week) to every current subscriber, again even if it went out before, in one transaction with its audit entry.
    /// </summary>
    public async Task<SendNowResult> SendNowAsync(ClaimsPrincipal actor, SummaryKind kind, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        if (!outbox.Enabled)
        {
            throw new AdminActionRefusedException(AdminRefusal.EmailOff);
        }
        var (from, to) = PeriodAt(kind, timeProvider.GetUtcNow().UtcDateTime);
        var recipients = await RecipientsAsync(kind, cancellationToken);
        if (recipients.Count == 0)
        {
            throw new AdminActionRefusedException(AdminRefusal.NoSubscribers, kind.ToString());
        }
        var mail = await PrepareAsync(kind, from, to, cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            foreach (var recipient in recipients)
            {
                outbox.Add(db, mail.To(recipient.Email, deduplicationKey: null));
            }
            audit.Record(db, actor, AuditKinds.Report, kind.ToString(), null, "SendNow", null,
                string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd} to {recipients.Count} recipients"));
            await db.SaveChangesAsync(cancellationToken);
        }
        await NudgeSenderAsync(cancellationToken);
        return new SendNowResult(kind, from, to, recipients.Count);
    }

    /// <summary>Subscribers of the summary who may receive it now: enabled, not locked by an Admin, Manager or Admin.</summary>
    public async Task<List<Recipient>> RecipientsAsync(SummaryKind kind, CancellationToken cancellationToken = default)
    {
        var topic = EmailTopics.Summary(kind);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roleIds = db.Roles.Where(r => r.Name == Roles.Admin || r.Name == Roles.Manager).Select(r => r.Id);
        var users = await db.EmailSubscriptions.AsNoTracking().Where(s => s.Topic == topic)
            .Join(db.Users, s => s.UserId, u => u.Id, (_, u) => u)
            .Where(u => !u.IsDisabled && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => new { u.Id, u.Email, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        return [.. users.Where(u => ApplicationUser.MayAct(false, u.LockoutEnd) && EmailOptionsValidator.IsMailbox(u.Email!))
            .OrderBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new Recipient(u.Id, u.Email!))];
    }

    private async Task<PreparedMail> PrepareAsync(SummaryKind kind, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var report = await builder.BuildAsync(kind, from, to, cancellationToken);
        var composed = await composer.ComposeAsync(report, cancellationToken);
        using var xlsx = new MemoryStream();
        await scores.WriteAsync(ExportFormat.Xlsx, from, to, xlsx, cancellationToken: cancellationToken);
        return new PreparedMail(composed, new OutgoingAttachment(report.ScoresFileName, XlsxContentType, xlsx.ToArray()));
    }

    private static string Key(SummaryKind kind, DateOnly from, string userId) =>
        string.Create(CultureInfo.InvariantCulture, $"{EmailTopics.Summary(kind)}:{from:yyyy-MM-dd}:{userId}");

    /// <summary>Asks the scheduler to send now rather than at the next interval; the interval sends them anyway.</summary>
    private async Task NudgeSenderAsync(CancellationToken cancellationToken)
    {
        if (schedulerFactory is null)
        {
            return;
        }
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var key = new JobKey(nameof(EmailSendJob));
        if (await scheduler.Exists(key, cancellationToken))
        {
            await scheduler.TriggerJob(key, cancellationToken);
        }
    }

    public sealed record Recipient(string UserId, string Email);

    private sealed record PreparedMail(ComposedMail Composed, OutgoingAttachment Scores)
    {
        public OutgoingEmail To(string address, string? deduplicationKey) =>
            new([address], Composed.Subject, Composed.HtmlBody, Composed.TextBody, [Scores], deduplicationKey);
    }
}

public sealed record SendNowResult(SummaryKind Kind, DateOnly From, DateOnly To, int Recipients);
