using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Mappings;

/// <summary>Each call is one unit of work in a DI scope of its own (a new context), never the page's long-lived one.</summary>
internal sealed class MappingAdministration(
    IServiceScopeFactory scopes,
    AccessCheck access,
    ScoreRecalculationService scoring,
    SyncPipeline pipeline) : IMappingAdministration
{
    /// <summary>Suggestions shown per e-mail.</summary>
    public const int MaxSuggestions = 5;

    public async Task<IReadOnlyList<PendingMappingView>> PendingAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var pending = await db.PendingMappings.AsNoTracking()
            .Where(p => p.Status == PendingMappingStatus.Pending)
            .OrderByDescending(p => p.LastSeenUtc).ThenBy(p => p.Email)
            .ToListAsync(cancellationToken);
        var emails = pending.Select(p => p.Email).ToList();
        var rows = await db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId == null && emails.Contains(a.Email))
            .GroupBy(a => a.Email)
            .Select(g => new { Email = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Email, r => r.Count, cancellationToken);
        var employees = await ActiveEmployeesAsync(db, cancellationToken);
        return pending.Select(p => new PendingMappingView(p.Email, p.PodFactoryName, p.FirstSeenUtc, p.LastSeenUtc,
            rows.GetValueOrDefault(p.Email), Suggest(p.PodFactoryName ?? LocalPart(p.Email), employees))).ToList();
    }

    public async Task<IReadOnlyList<EmployeeChoice>> EmployeesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        return await ActiveEmployeesAsync(db, cancellationToken);
    }

    public async Task<MappingApproval> ApproveAsync(ClaimsPrincipal actor, string email, int employeeId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (approval, days) = await ApproveCoreAsync(scope, actor, email, employeeId, cancellationToken);
        await scoring.RecalculateAsync(days, cancellationToken);
        return approval;
    }

    public async Task RejectAsync(ClaimsPrincipal actor, string email, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MappingService>().RejectAsync(actor, email, cancellationToken);
    }

    public async Task<IReadOnlyList<MappingApproval>> ApproveExactNameMatchesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var pending = await db.PendingMappings.AsNoTracking()
            .Where(p => p.Status == PendingMappingStatus.Pending && p.PodFactoryName != null)
            .OrderBy(p => p.Email)
            .Select(p => new { p.Email, Name = p.PodFactoryName! })
            .ToListAsync(cancellationToken);
        // Archived employees count too: a name shared with anyone is ambiguous.
        var byName = (await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Name }).ToListAsync(cancellationToken))
            .ToLookup(e => e.Name.Trim(), e => e.Id, StringComparer.OrdinalIgnoreCase);
        var approvals = new List<MappingApproval>();
        var days = new HashSet<EmployeeDay>();
        foreach (var candidate in pending)
        {
            var matches = byName[candidate.Name.Trim()].ToList();
            if (matches.Count != 1)
            {
                continue;
            }
            try
            {
                var (approval, changed) = await ApproveCoreAsync(scope, actor, candidate.Email, matches[0], cancellationToken);
                approvals.Add(approval);
                days.UnionWith(changed);
            }
            catch (Exception ex) when (ex is MappingException or AdminActionRefusedException)
            {
                db.ChangeTracker.Clear();
            }
        }
        await scoring.RecalculateAsync(days, cancellationToken);
        return approvals;
    }

    public async Task<MappingImport> ImportCsvAsync(ClaimsPrincipal actor, Stream csv, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        using var reader = new StreamReader(csv);
        var result = await pipeline.ImportMappingsAsync(SyncTriggers.Manual, actor, reader, cancellationToken);
        return new MappingImport(result.Run.Id, result.Outcome.ItemsRead, result.Outcome.Added, result.Outcome.RejectedCount,
            result.Outcome.Rejected, result.Failure?.Message);
    }

    private static async Task<(MappingApproval Approval, IReadOnlyCollection<EmployeeDay> Days)> ApproveCoreAsync(AsyncServiceScope scope,
        ClaimsPrincipal actor, string email, int employeeId, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var normalized = MappingService.Normalize(email) ?? throw new AdminActionRefusedException(AdminRefusal.EmailMissing);
        var rows = await db.Activities.CountAsync(a => a.Email == normalized && a.EmployeeId == null, cancellationToken);
        var days = await scope.ServiceProvider.GetRequiredService<MappingService>().ApproveAsync(actor, normalized, employeeId, cancellationToken);
        var name = await db.Employees.Where(e => e.Id == employeeId).Select(e => e.Name).SingleAsync(cancellationToken);
        return (new MappingApproval(normalized, employeeId, name, rows, days.Count), days);
    }

    private static async Task<List<EmployeeChoice>> ActiveEmployeesAsync(ProductivityDbContext db, CancellationToken cancellationToken) =>
        await db.Employees.AsNoTracking().Where(e => !e.IsArchived).OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new EmployeeChoice(e.Id, e.Name, e.Email))
            .ToListAsync(cancellationToken);

    internal static IReadOnlyList<MappingSuggestion> Suggest(string? name, IEnumerable<EmployeeChoice> employees) =>
        employees
            .Select(e => (Employee: e, Score: NameSimilarity.Dice(name, e.Name)))
            .Where(s => NameSimilarity.Rank(s.Score) is not null)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Employee.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxSuggestions)
            .Select(s => new MappingSuggestion(s.Employee.Id, s.Employee.Name, Math.Round(s.Score, 2), NameSimilarity.Rank(s.Score)!))
            .ToList();

    private static string LocalPart(string email) => email.Split('@')[0];
}
