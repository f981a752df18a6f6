using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Productivity.Core.Reports;
using Productivity.Core.Security;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Reports;
using Productivity.Infrastructure.Security;
using Quartz;

namespace Productivity.Infrastructure.Email;

/// <summary>The Sync page's e-mail panel: the SMTP state from the outbox rows, the summaries' next firings, "Send now". Admins only.</summary>
public interface IEmailAdministration
{
    Task<EmailStatus> StatusAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>The summary now, to every current subscriber; audited. Refused when e-mail is off or nobody subscribes.</summary>
    Task<SendNowResult> SendNowAsync(ClaimsPrincipal actor, SummaryKind kind, CancellationToken cancellationToken = default);
}

internal sealed class EmailAdministration(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    IOptions<EmailOptions> options,
    SummaryReports reports,
    ISchedulerFactory? schedulerFactory = null) : IEmailAdministration
{
    public async Task<EmailStatus> StatusAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lastSent = await db.EmailOutbox.AsNoTracking().MaxAsync(m => m.SentUtc, cancellationToken);
        var lastFailure = await db.EmailOutbox.AsNoTracking().Where(m => m.LastFailureUtc != null)
            .OrderByDescending(m => m.LastFailureUtc).ThenByDescending(m => m.Id)
            .Select(m => new { m.LastFailureUtc, m.LastError }).FirstOrDefaultAsync(cancellationToken);
        var waiting = db.EmailOutbox.AsNoTracking().Where(m => m.SentUtc == null);
        var waitingCount = await waiting.CountAsync(cancellationToken);
        var oldestWaiting = await waiting.MinAsync(m => (DateTime?)m.CreatedUtc, cancellationToken);
        return new EmailStatus(
            settings.Enabled,
            settings.Enabled ? $"{settings.Host}:{settings.Port} ({settings.Security})" : null,
            settings.From,
            lastSent,
            lastFailure?.LastFailureUtc,
            lastFailure?.LastError,
            waitingCount,
            oldestWaiting,
            await NextFiringAsync(nameof(DailySummaryJob), cancellationToken),
            await NextFiringAsync(nameof(WeeklySummaryJob), cancellationToken));
    }

    public Task<SendNowResult> SendNowAsync(ClaimsPrincipal actor, SummaryKind kind, CancellationToken cancellationToken = default) =>
        reports.SendNowAsync(actor, kind, cancellationToken);

    private async Task<DateTime?> NextFiringAsync(string job, CancellationToken cancellationToken)
    {
        if (schedulerFactory is null)
        {
            return null;
        }
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(new TriggerKey(job), cancellationToken))?.NextFireTimeUtc?.UtcDateTime;
    }
}

/// <param name="Server">host:port (security) when e-mail is on; never the user or password.</param>
/// <param name="LastSentUtc">When the server last accepted an e-mail.</param>
/// <param name="LastFailureUtc">When an attempt last failed, with <paramref name="LastError"/> (the server's reply or the failure).</param>
/// <param name="Waiting">E-mails queued and not sent yet (including those waiting to be retried).</param>
/// <param name="NextDailyUtc">The daily summary's next firing; null when not scheduled on this node.</param>
public sealed record EmailStatus(
    bool Enabled,
    string? Server,
    string? From,
    DateTime? LastSentUtc,
    DateTime? LastFailureUtc,
    string? LastError,
    int Waiting,
    DateTime? OldestWaitingUtc,
    DateTime? NextDailyUtc,
    DateTime? NextWeeklyUtc);
