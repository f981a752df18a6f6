using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Exceptions;

/// <summary>Unmapped e-mails first (few, and they hide production), then stored findings, newest day first.</summary>
public sealed class ExceptionQueries(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, SiteClock siteClock) : IExceptionQueries
{
    public async Task<ExceptionPage> SearchAsync(ClaimsPrincipal actor, ExceptionQuery query, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (query.Kind is not null && !ExceptionKinds.All.Contains(query.Kind))
        {
            throw new ArgumentException($"Unknown kind '{query.Kind}'.");
        }
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var skip = Math.Max(0, query.Page) * pageSize;

        var unmapped = query.Kind is null or ExceptionKinds.UnmappedEmail ? await UnmappedAsync(db, query, cancellationToken) : [];
        var findings = Findings(db, query);
        var total = unmapped.Count + (findings is null ? 0 : await findings.CountAsync(cancellationToken));

        var items = unmapped.Skip(skip).Take(pageSize).ToList();
        if (findings is not null && items.Count < pageSize)
        {
            var rows = await findings
                .OrderByDescending(f => f.BusinessDay).ThenBy(f => f.EmployeeId).ThenBy(f => f.StartUtc).ThenBy(f => f.Id)
                .Skip(Math.Max(0, skip - unmapped.Count)).Take(pageSize - items.Count)
                .ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.EmployeeId).Distinct().ToList();
            var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
            items.AddRange(rows.Select(r => new ExceptionItem(r.Issue.ToString(), r.EmployeeId, names.GetValueOrDefault(r.EmployeeId),
                r.BusinessDay, r.Subject, r.Items, r.StartUtc, r.EndUtc)));
        }
        return new ExceptionPage(items, total);
    }

    /// <summary>
    /// For the summary e-mails (a job, no caller): the stored findings of the days per kind, and the e-mails waiting for
    /// a mapping now with their items. The same queries as the list.
    /// </summary>
    internal async Task<(IReadOnlyList<Reports.DataQualityCount> Findings, int UnmappedEmails, int UnmappedItems)> CountsAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = new ExceptionQuery(from, to, null, 0, 1);
        var counts = await Findings(db, query)!.GroupBy(f => f.Issue).Select(g => new { Issue = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var unmapped = await UnmappedAsync(db, query with { From = null, To = null }, cancellationToken);
        return ([.. counts.OrderBy(c => c.Issue).Select(c => new Reports.DataQualityCount(c.Issue.ToString(), c.Count))],
            unmapped.Count, unmapped.Sum(u => u.Items));
    }

    /// <summary>The stored findings the query selects; null when it asks for unmapped e-mails only.</summary>
    private static IQueryable<DataQualityRecord>? Findings(ProductivityDbContext db, ExceptionQuery query)
    {
        if (query.Kind == ExceptionKinds.UnmappedEmail)
        {
            return null;
        }
        var findings = db.DataQuality.AsNoTracking();
        if (query.Kind is not null)
        {
            var issue = Enum.Parse<DataQualityIssue>(query.Kind);
            findings = findings.Where(f => f.Issue == issue);
        }
        if (query.From is { } from)
        {
            findings = findings.Where(f => f.BusinessDay >= from);
        }
        if (query.To is { } to)
        {
            findings = findings.Where(f => f.BusinessDay <= to);
        }
        return findings;
    }

    private async Task<List<ExceptionItem>> UnmappedAsync(ProductivityDbContext db, ExceptionQuery query, CancellationToken cancellationToken)
    {
        var pending = await db.PendingMappings.AsNoTracking().Where(p => p.Status == PendingMappingStatus.Pending)
            .OrderByDescending(p => p.LastSeenUtc).ThenBy(p => p.Email).ToListAsync(cancellationToken);
        var emails = pending.Select(p => p.Email).ToList();
        var items = await db.Activities.AsNoTracking().Where(a => a.EmployeeId == null && emails.Contains(a.Email))
            .GroupBy(a => a.Email).Select(g => new { Email = g.Key, Items = g.Sum(a => a.ItemsCount) })
            .ToDictionaryAsync(g => g.Email, g => g.Items, cancellationToken);
        return pending
            .Where(p => (query.To is null || siteClock.BusinessDayOf(p.FirstSeenUtc) <= query.To)
                && (query.From is null || siteClock.BusinessDayOf(p.LastSeenUtc) >= query.From))
            .Select(p => new ExceptionItem(ExceptionKinds.UnmappedEmail, null, p.PodFactoryName, siteClock.BusinessDayOf(p.LastSeenUtc),
                p.Email, items.GetValueOrDefault(p.Email), p.FirstSeenUtc, p.LastSeenUtc))
            .ToList();
    }
}
