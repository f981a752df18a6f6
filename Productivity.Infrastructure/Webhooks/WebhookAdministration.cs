using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Webhooks;

internal sealed class WebhookAdministration(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    WebhookToken token,
    ConnecteamWebhookReceiver receiver) : IWebhookAdministration
{
    public const int Shown = 20;

    public async Task<WebhookOverview> OverviewAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calls = db.WebhookCalls.AsNoTracking().OrderByDescending(c => c.Id);
        var recent = await calls.Take(Shown).ToListAsync(cancellationToken);
        var rejected = await calls.Where(c => c.Outcome == WebhookCallOutcome.Rejected).Take(Shown).ToListAsync(cancellationToken);
        return new WebhookOverview(token.Masked, receiver.CanQueue, recent, rejected);
    }
}
