using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Auditing;

internal sealed class AuditQueries(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, SiteClock siteClock) : IAuditQueries
{
    public async Task<AuditEntryPage> SearchAsync(ClaimsPrincipal actor, AuditQuery query, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Person))
        {
            var term = query.Person.Trim().ToLowerInvariant();
            entries = entries.Where(a => a.ActorName.ToLower().Contains(term));
        }
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            entries = entries.Where(a => a.Kind == query.Kind);
        }
        if (query.From is { } from)
        {
            var start = siteClock.UtcRangeOf(from).StartUtc;
            entries = entries.Where(a => a.OccurredUtc >= start);
        }
        if (query.To is { } to)
        {
            var end = siteClock.UtcRangeOf(to).EndUtc;
            entries = entries.Where(a => a.OccurredUtc < end);
        }
        var total = await entries.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await entries.OrderByDescending(a => a.OccurredUtc).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditEntryPage(items, total);
    }
}
