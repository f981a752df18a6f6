using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Employees;

/// <summary>The employee list (search, filters, paging in the database) and the employee page.</summary>
public sealed class EmployeeQueries(IDbContextFactory<ProductivityDbContext> contextFactory, AccessCheck access, SiteClock siteClock,
    TimeProvider timeProvider)
    : IEmployeeQueries
{
    private const int MaxSuggestions = 5;
    private const int RecentDayCount = 14;

    public async Task<EmployeeListPage> SearchAsync(ClaimsPrincipal viewer, EmployeeListQuery query, CancellationToken cancellationToken = default)
    {
        await access.RequireViewerAsync(viewer);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clockedIn = await ClockedInAsync(db, cancellationToken);
        var rows = db.Employees.AsNoTracking().Select(e => new
        {
            e.Id,
            e.Name,
            e.Email,
            e.ConnecteamUserId,
            e.IsArchived,
            e.IsContractor,
            Verified = db.EmployeeEmails.Count(m => m.EmployeeId == e.Id && m.IsVerified),
            Unverified = db.EmployeeEmails.Count(m => m.EmployeeId == e.Id && !m.IsVerified),
            ClockedIn = clockedIn.Contains(e.Id),
            LastDay = db.DailyScores.Where(s => s.EmployeeId == e.Id).Max(s => (DateOnly?)s.BusinessDay),
        });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Name.ToLower().Contains(term) || (r.Email != null && r.Email.ToLower().Contains(term)));
        }
        rows = query.Filter switch
        {
            EmployeeFilter.Active => rows.Where(r => !r.IsArchived),
            EmployeeFilter.Archived => rows.Where(r => r.IsArchived),
            EmployeeFilter.NeedsAttention => rows.Where(r => !r.IsArchived
                && ((r.ConnecteamUserId == null && !r.IsContractor) || r.Unverified > 0 || (r.ClockedIn && r.Verified == 0))),
            _ => rows,
        };
        var total = await rows.CountAsync(cancellationToken);
        rows = query.Descending ? rows.OrderByDescending(r => r.Name).ThenByDescending(r => r.Id) : rows.OrderBy(r => r.Name).ThenBy(r => r.Id);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = await rows.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new EmployeeListPage(
            page.Select(r => new EmployeeListItem(r.Id, r.Name, r.Email, r.ConnecteamUserId, r.IsArchived, r.IsContractor, r.Verified,
                r.Unverified, r.ClockedIn, r.LastDay,
                AttentionRules.Of(r.IsArchived, r.IsContractor, r.ConnecteamUserId, r.Verified, r.Unverified, r.ClockedIn))).ToList(),
            total);
    }

    public async Task<EmployeeDetails?> GetAsync(ClaimsPrincipal viewer, int employeeId, CancellationToken cancellationToken = default)
    {
        await access.RequireViewerAsync(viewer);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var employee = await db.Employees.AsNoTracking().SingleOrDefaultAsync(e => e.Id == employeeId, cancellationToken);
        if (employee is null)
        {
            return null;
        }
        var emails = await db.EmployeeEmails.AsNoTracking().Where(m => m.EmployeeId == employeeId).OrderBy(m => m.Email)
            .Select(m => new EmployeeEmailView(m.Id, m.Email, m.IsVerified, m.Source, m.CreatedUtc, m.VerifiedUtc, m.VerifiedBy))
            .ToListAsync(cancellationToken);
        var clockedIn = (await ClockedInAsync(db, cancellationToken)).Contains(employeeId);
        var recent = await db.DailyScores.AsNoTracking().Where(s => s.EmployeeId == employeeId)
            .OrderByDescending(s => s.BusinessDay).Take(RecentDayCount)
            .Select(s => new RecentDay(s.BusinessDay, s.Items, s.Points, s.Utilization, s.Performance))
            .ToListAsync(cancellationToken);
        return new EmployeeDetails
        {
            Id = employee.Id,
            Name = employee.Name,
            Email = employee.Email,
            ConnecteamUserId = employee.ConnecteamUserId,
            IsArchived = employee.IsArchived,
            IsContractor = employee.IsContractor,
            IsClockedIn = clockedIn,
            Attention = AttentionRules.Of(employee.IsArchived, employee.IsContractor, employee.ConnecteamUserId,
                emails.Count(m => m.IsVerified), emails.Count(m => !m.IsVerified), clockedIn),
            Emails = emails,
            ConnecteamSuggestions = employee.ConnecteamUserId is null ? await ConnecteamSuggestionsAsync(db, employee.Id, employee.Name, cancellationToken) : [],
            EmailSuggestions = await EmailSuggestionsAsync(db, employee.Name, cancellationToken),
            RecentDays = recent,
        };
    }

    private static async Task<IReadOnlyList<ConnecteamSuggestion>> ConnecteamSuggestionsAsync(ProductivityDbContext db, int employeeId, string name,
        CancellationToken cancellationToken)
    {
        var linked = await db.Employees.AsNoTracking().Where(e => e.Id != employeeId && e.ConnecteamUserId != null)
            .Select(e => new { e.Id, e.Name, ConnecteamUserId = e.ConnecteamUserId!.Value })
            .ToListAsync(cancellationToken);
        return linked
            .Select(e => (e, Score: NameSimilarity.Dice(name, e.Name)))
            .Where(x => x.Score >= NameSimilarity.Possible)
            .OrderByDescending(x => x.Score).ThenBy(x => x.e.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(x => new ConnecteamSuggestion(x.e.Id, x.e.Name, x.e.ConnecteamUserId, Math.Round(x.Score, 2), NameSimilarity.Rank(x.Score)!))
            .ToList();
    }

    private static async Task<IReadOnlyList<EmailSuggestion>> EmailSuggestionsAsync(ProductivityDbContext db, string name, CancellationToken cancellationToken)
    {
        var pending = await db.PendingMappings.AsNoTracking().Where(p => p.Status == PendingMappingStatus.Pending)
            .Select(p => new { p.Email, p.PodFactoryName })
            .ToListAsync(cancellationToken);
        return pending
            .Select(p => (p, Score: Math.Max(NameSimilarity.Dice(name, p.PodFactoryName), NameSimilarity.Dice(name, p.Email.Split('@')[0]))))
            .Where(x => x.Score >= NameSimilarity.Possible)
            .OrderByDescending(x => x.Score).ThenBy(x => x.p.Email, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(x => new EmailSuggestion(x.p.Email, x.p.PodFactoryName, Math.Round(x.Score, 2), NameSimilarity.Rank(x.Score)!))
            .ToList();
    }

    // "Clocked in" as everywhere (ClockedIn): an open session, on a break or not.
    private async Task<List<int>> ClockedInAsync(ProductivityDbContext db, CancellationToken cancellationToken)
    {
        var cap = await StoredScoringParameters.OpenShiftCapAsync(db, cancellationToken);
        return [.. (await StoredSessions.ClockedInAsync(db, siteClock, timeProvider.GetUtcNow().UtcDateTime, cap, cancellationToken)).Keys];
    }
}
