using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Employees;
using Productivity.Core.Integrations;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Mappings;

/// <summary>Each call is one unit of work in a DI scope of its own (a new context), never the page's long-lived one.</summary>
public sealed class MappingAdministration(
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
        await RejectMappingAsync(scope.ServiceProvider, actor, email, cancellationToken);
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
            catch (AdminActionRefusedException)
            {
                db.ChangeTracker.Clear();
            }
        }
        await scoring.RecalculateAsync(days, cancellationToken);
        return approvals;
    }

    public async Task<CsvImport> ImportCsvAsync(ClaimsPrincipal actor, Stream csv, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        using var reader = new StreamReader(csv);
        return CsvImport.Of(await ImportCsvAsync(SyncTriggers.Manual, actor, reader, cancellationToken));
    }

    private static async Task<(MappingApproval Approval, IReadOnlyCollection<EmployeeDay> Days)> ApproveCoreAsync(AsyncServiceScope scope,
        ClaimsPrincipal actor, string email, int employeeId, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var normalized = MappingLookup.Normalize(email) ?? throw new AdminActionRefusedException(AdminRefusal.EmailMissing);
        var rows = await db.Activities.CountAsync(a => a.Email == normalized && a.EmployeeId == null, cancellationToken);
        var days = await ApproveMappingAsync(scope.ServiceProvider, actor, normalized, employeeId, cancellationToken);
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

    // The use cases behind the checked methods above, each in the caller's scope.

    /// <summary>Approves a pending e-mail for an employee: verified mapping, its stored rows attributed, one audit entry.</summary>
    /// <remarks>Also the employee page's approval (<c>EmployeeAdministration</c>); the callers check the actor.</remarks>
    internal static async Task<IReadOnlyCollection<EmployeeDay>> ApproveMappingAsync(IServiceProvider services, ClaimsPrincipal actor,
        string email, int employeeId, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<ProductivityDbContext>();
        email = MappingLookup.Normalize(email) ?? throw new AdminActionRefusedException(AdminRefusal.EmailMissing);
        var employee = await db.Employees.FindAsync([employeeId], cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.EmployeeNotFound, employeeId.ToString(CultureInfo.InvariantCulture));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.EmployeeEmails.SingleOrDefaultAsync(m => m.Email == email, cancellationToken);
        if (existing is not null && existing.EmployeeId != employeeId && existing.IsVerified)
        {
            throw new AdminActionRefusedException(AdminRefusal.EmailCreditedElsewhere, email);
        }
        var queued = await db.PendingMappings.SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
        var oldValue = existing is not null
            ? $"employee {existing.EmployeeId}{(existing.IsVerified ? "" : " (unverified)")}"
            : queued?.Status.ToString();
        var who = actor.Identity?.Name ?? "system";
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            db.EmployeeEmails.Add(new EmployeeEmail
            {
                EmployeeId = employeeId, Email = email, IsVerified = true, Source = MappingSources.Manual,
                CreatedUtc = now, VerifiedUtc = now, VerifiedBy = who,
            });
        }
        else
        {
            existing.EmployeeId = employeeId;
            existing.IsVerified = true;
            existing.VerifiedUtc = now;
            existing.VerifiedBy = who;
        }
        if (queued is not null)
        {
            MappingLookup.Resolve(queued, PendingMappingStatus.Approved, who, now);
        }
        services.GetRequiredService<AuditLog>().Record(db, actor, AuditKinds.Mapping, email, email, "Approved", oldValue, $"employee {employeeId} ({employee.Name})");
        await db.SaveChangesAsync(cancellationToken);
        var changed = await services.GetRequiredService<MappingLookup>().AttributeAsync(email, employeeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task RejectMappingAsync(IServiceProvider services, ClaimsPrincipal actor, string email, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ProductivityDbContext>();
        email = MappingLookup.Normalize(email) ?? throw new AdminActionRefusedException(AdminRefusal.EmailMissing);
        var queued = await db.PendingMappings.SingleOrDefaultAsync(p => p.Email == email, cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.MappingNotPending, email);
        var old = queued.Status.ToString();
        MappingLookup.Resolve(queued, PendingMappingStatus.Rejected, actor.Identity?.Name ?? "system",
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        services.GetRequiredService<AuditLog>().Record(db, actor, AuditKinds.Mapping, email, email, "Rejected", old, nameof(PendingMappingStatus.Rejected));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Imports <c>email,connecteam_user_id</c> lines as a recorded sync run whose changed days are rescored. The admin
    /// page's import checks its caller first; the command line's operator is whoever runs the host on the server.
    /// </summary>
    public Task<SyncRunResult> ImportCsvAsync(string trigger, ClaimsPrincipal actor, TextReader reader, CancellationToken cancellationToken = default) =>
        pipeline.RunAsync(SyncJobs.MappingImport, trigger, ct => SyncOutcome.CollectAsync(async outcome =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await ImportLinesAsync(scope.ServiceProvider, actor, reader, outcome, ct);
        }, ct), cancellationToken);

    /// <summary>Bad lines are rejected and reported, the rest applied.</summary>
    private static async Task ImportLinesAsync(IServiceProvider services, ClaimsPrincipal actor, TextReader reader, SyncOutcome outcome,
        CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ProductivityDbContext>();
        var employees = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => e.Id, cancellationToken);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (lineNumber == 1 && line.Trim().StartsWith("email", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            outcome.ItemsRead++;
            var key = $"line {lineNumber}";
            var parts = line.Split(',');
            if (parts.Length != 2)
            {
                outcome.Reject("csv", key, "expected two columns: email,connecteam_user_id");
                continue;
            }
            // The value comes last in a reason: a long one is cut short (SyncOutcome.MaxRejectedText), the explanation stays.
            var email = MappingLookup.Normalize(parts[0].Trim('"', ' '));
            if (email is null || !email.Contains('@', StringComparison.Ordinal) || email.Length > IncomingRows.MaxEmailLength)
            {
                outcome.Reject("csv", key, $"not an e-mail: '{parts[0]}'");
                continue;
            }
            if (!long.TryParse(parts[1].Trim('"', ' '), out var userId))
            {
                outcome.Reject("csv", key, $"not a Connecteam user id: '{parts[1]}'");
                continue;
            }
            if (!employees.TryGetValue(userId, out var employeeId))
            {
                outcome.Reject("csv", key, $"no employee has Connecteam user id {userId}");
                continue;
            }
            // A line already in force changes nothing (no new verification stamp or audit entry), so a file imported
            // twice applies nothing the second time.
            if (await db.EmployeeEmails.AnyAsync(m => m.Email == email && m.EmployeeId == employeeId && m.IsVerified, cancellationToken))
            {
                outcome.Unchanged++;
                continue;
            }
            try
            {
                outcome.ChangedDays.UnionWith(await ApproveMappingAsync(services, actor, email, employeeId, cancellationToken));
                outcome.Added++;
            }
            catch (AdminActionRefusedException ex)
            {
                db.ChangeTracker.Clear();
                // The run's details keep the reason and its values (e.g. "EmailCreditedElsewhere: a@b.test"), not a sentence.
                outcome.Reject("csv", key, ex.Message);
            }
        }
    }
}
