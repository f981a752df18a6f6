using System.Security.Claims;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Webhooks;

/// <summary>Admin → Sync → Webhook: whether the Connecteam webhook is on, its token masked, and the recent calls. Admin only.</summary>
public interface IWebhookAdministration
{
    Task<WebhookOverview> OverviewAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);
}

/// <param name="MaskedToken">The token's first and last four characters; null when no token is configured (or no Connecteam).</param>
/// <param name="CanQueue">False on a node without schedules: its webhook calls are refused with 503.</param>
/// <param name="Recent">The last calls, newest first.</param>
/// <param name="Rejected">The last refused calls, newest first.</param>
public sealed record WebhookOverview(string? MaskedToken, bool CanQueue, IReadOnlyList<WebhookCall> Recent, IReadOnlyList<WebhookCall> Rejected)
{
    public bool Configured => MaskedToken is not null;
}
