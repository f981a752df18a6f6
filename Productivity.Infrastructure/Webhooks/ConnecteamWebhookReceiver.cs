using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Webhooks;

/// <summary>
/// Turns a Connecteam webhook call into a queued re-read and records it in <c>webhook_calls</c> (the last
/// <see cref="KeepCalls"/> calls of at most <see cref="KeepDays"/> days). A redelivered request id is a duplicate;
/// so is an event whose (user, day) read is still waiting.
/// </summary>
public sealed class ConnecteamWebhookReceiver(
    IDbContextFactory<ProductivityDbContext> contexts,
    WebhookReadQueue queue,
    SiteClock siteClock,
    TimeProvider timeProvider,
    ILogger<ConnecteamWebhookReceiver> logger)
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int KeepCalls = 1000;
    public const int KeepDays = 7;

    public bool CanQueue => queue.Available;

    /// <summary>Parses, dedupes, queues and records one call; an invalid body is recorded as rejected with its reason.</summary>
    public async Task<WebhookCall> ReceiveAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (!ConnecteamWebhookEvent.TryParse(body, siteClock, now, out var received, out var problem))
        {
            return await RejectAsync(problem!, cancellationToken);
        }
        var call = new WebhookCall
        {
            ReceivedUtc = now,
            RequestId = Cap(received!.RequestId, WebhookCall.MaxRequestId),
            EventType = Cap(received.EventType, WebhookCall.MaxEventType),
            ConnecteamUserId = received.UserId,
            Day = received.Day,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Connecteam redelivers when it saw no answer in time; the first delivery was queued already.
            var seen = await db.WebhookCalls.AnyAsync(c => c.RequestId == call.RequestId && c.Outcome != WebhookCallOutcome.Rejected, cancellationToken);
            call.Outcome = seen || !await queue.EnqueueAsync(received.UserId, received.Day, cancellationToken)
                ? WebhookCallOutcome.Duplicate
                : WebhookCallOutcome.Queued;
        }
        logger.LogInformation("Connecteam webhook {EventType} ({RequestId}) for user {UserId} on {Day}: {Outcome}.",
            call.EventType, call.RequestId, call.ConnecteamUserId, call.Day, call.Outcome);
        return await RecordAsync(call, cancellationToken);
    }

    /// <summary>Records a refused call (wrong token, too large, nothing to queue on) with its reason.</summary>
    public Task<WebhookCall> RejectAsync(string reason, CancellationToken cancellationToken = default) =>
        RecordAsync(new WebhookCall
        {
            ReceivedUtc = timeProvider.GetUtcNow().UtcDateTime,
            Outcome = WebhookCallOutcome.Rejected,
            Reason = Cap(reason, WebhookCall.MaxReason),
        }, cancellationToken);

    private async Task<WebhookCall> RecordAsync(WebhookCall call, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.WebhookCalls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        // Pruned on write: a flood of junk calls cannot grow the table past the cap.
        var cutoff = call.ReceivedUtc.AddDays(-KeepDays);
        await db.WebhookCalls.Where(c => c.Id <= call.Id - KeepCalls || c.ReceivedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        return call;
    }

    private static string Cap(string text, int length) => text.Length <= length ? text : text[..length];
}
