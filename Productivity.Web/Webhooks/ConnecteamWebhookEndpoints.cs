using Microsoft.AspNetCore.Diagnostics;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Webhooks;
using Productivity.Web.Security;

namespace Productivity.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/connecteam/{token}</c>: Connecteam's time-activity events. A machine call: anonymous, no
/// anti-forgery, bare statuses. Wrong or unconfigured token → 404; body over 64 KB, not JSON or without the envelope →
/// 400; a node without schedules → 503 (Connecteam retries, possibly on another node); otherwise 202 at once, with the
/// re-read queued. Neither the token nor the body is ever logged.
/// </summary>
public static class ConnecteamWebhookEndpoints
{
    public const string PathPrefix = "/webhooks/connecteam";

    public static IEndpointRouteBuilder MapConnecteamWebhook(this IEndpointRouteBuilder endpoints)
    {
        // Limited per client address before the token is even compared: a scan of guessed URLs is refused with 429.
        endpoints.MapPost(PathPrefix + "/{token}", ReceiveAsync).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.WebhookPolicy);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, string token, WebhookToken expected,
        ConnecteamWebhookReceiver receiver, ILoggerFactory loggers)
    {
        // A status page (HTML for a 404 or 400) means nothing to the sender.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
        var logger = loggers.CreateLogger(typeof(ConnecteamWebhookEndpoints));
        var cancellationToken = context.RequestAborted;
        if (!expected.Matches(token))
        {
            logger.LogWarning("Connecteam webhook call to {Path}/… from {Address} refused: {Reason}.", PathPrefix,
                context.Connection.RemoteIpAddress, expected.IsConfigured ? "wrong token" : "no webhook token configured");
            await receiver.RejectAsync(expected.IsConfigured ? "wrong token" : "no webhook token configured", cancellationToken);
            return Results.NotFound();
        }
        if (!receiver.CanQueue)
        {
            await receiver.RejectAsync("this node runs no schedules (Jobs:Enabled=false)", cancellationToken);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var body = await ReadBoundedAsync(context.Request, ConnecteamWebhookReceiver.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            logger.LogWarning("Connecteam webhook call refused: the body is larger than {Limit} bytes.", ConnecteamWebhookReceiver.MaxBodyBytes);
            await receiver.RejectAsync($"the body is larger than {ConnecteamWebhookReceiver.MaxBodyBytes / 1024} KB", cancellationToken);
            return Results.BadRequest();
        }
        var call = await receiver.ReceiveAsync(body.Value, cancellationToken);
        if (call.Outcome == WebhookCallOutcome.Rejected)
        {
            logger.LogWarning("Connecteam webhook call refused: {Reason}.", call.Reason);
            return Results.BadRequest();
        }
        return Results.Accepted();
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (declared or actually sent).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        var buffer = new byte[limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return length > limit ? null : buffer.AsMemory(0, length);
    }
}
