using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Employees;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Employees;

/// <summary>Each call is one unit of work in a DI scope of its own (a new context), never the page's long-lived one.</summary>
internal sealed class EmployeeAdministration(
    IServiceScopeFactory scopes,
    AccessCheck access,
    ScoreRecalculationService scoring,
    AuditLog audit,
    TimeProvider timeProvider) : IEmployeeAdministration
{
    public async Task<IReadOnlyCollection<EmployeeDay>> AddEmailAsync(ClaimsPrincipal actor, int employeeId, string email,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var normalized = MappingLookup.Normalize(email);
        if (normalized is null || !normalized.Contains('@', StringComparison.Ordinal) || normalized.Length > 256)
        {
            throw new AdminActionRefusedException(AdminRefusal.InvalidEmail);
        }
        await FindAsync(db, employeeId, cancellationToken);
        if (await db.EmployeeEmails.AnyAsync(m => m.Email == normalized && m.EmployeeId == employeeId && m.IsVerified, cancellationToken))
        {
            throw new AdminActionRefusedException(AdminRefusal.EmailAlreadyCredited, normalized);
        }
        return await ApproveAndRecomputeAsync(scope, actor, normalized, employeeId, cancellationToken);
    }

    public async Task<IReadOnlyCollection<EmployeeDay>> VerifyEmailAsync(ClaimsPrincipal actor, int employeeId, int emailId,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var mapping = await FindEmailAsync(db, employeeId, emailId, cancellationToken);
        if (mapping.IsVerified)
        {
            return [];
        }
        return await ApproveAndRecomputeAsync(scope, actor, mapping.Email, employeeId, cancellationToken);
    }

    public async Task<IReadOnlyCollection<EmployeeDay>> RemoveEmailAsync(ClaimsPrincipal actor, int employeeId, int emailId,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employee = await FindAsync(db, employeeId, cancellationToken);
        var mapping = await FindEmailAsync(db, employeeId, emailId, cancellationToken);
        var now = Now();
        IReadOnlyCollection<EmployeeDay> days;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rows = await db.Activities.AsNoTracking()
                .Where(a => a.Email == mapping.Email && a.EmployeeId == employeeId)
                .Select(a => new { a.WindowStartUtc, a.WindowEndUtc, a.UserName })
                .ToListAsync(cancellationToken);
            days = await scope.ServiceProvider.GetRequiredService<ActivityDays>().DaysOfAsync(rows.Select(r => (employeeId, r.WindowStartUtc, r.WindowEndUtc)).ToList(), cancellationToken);
            if (rows.Count > 0)
            {
                await db.Activities.Where(a => a.Email == mapping.Email && a.EmployeeId == employeeId)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmployeeId, (int?)null).SetProperty(a => a.UpdatedUtc, now), cancellationToken);
                await RequeueAsync(db, mapping.Email, rows.Select(r => r.UserName).FirstOrDefault(n => n is not null), now, cancellationToken);
            }
            db.EmployeeEmails.Remove(mapping);
            audit.Record(db, actor, AuditKinds.Mapping, mapping.Email, mapping.Email, "Removed",
                $"employee {employeeId} ({employee.Name}), {(mapping.IsVerified ? "verified" : "unverified")}",
                rows.Count == 0 ? "removed" : string.Create(CultureInfo.InvariantCulture, $"removed; {rows.Count} windows unattributed and queued for review"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await scoring.RecalculateAsync(days, cancellationToken);
        return days;
    }

    public async Task SetArchivedAsync(ClaimsPrincipal actor, int employeeId, bool archived, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employee = await FindAsync(db, employeeId, cancellationToken);
        if (employee.IsArchived == archived)
        {
            return;
        }
        employee.IsArchived = archived;
        employee.UpdatedUtc = Now();
        audit.Record(db, actor, AuditKinds.Employee, Id(employee), employee.Name, archived ? "Archived" : "Restored",
            archived ? "active" : "archived", archived ? "archived" : "active");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetContractorAsync(ClaimsPrincipal actor, int employeeId, bool contractor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employee = await FindAsync(db, employeeId, cancellationToken);
        if (employee.IsContractor == contractor)
        {
            return;
        }
        employee.IsContractor = contractor;
        employee.UpdatedUtc = Now();
        audit.Record(db, actor, AuditKinds.Employee, Id(employee), employee.Name, contractor ? "MarkedContractor" : "UnmarkedContractor",
            contractor ? "employee" : "contractor", contractor ? "contractor" : "employee");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetConnecteamUserIdAsync(ClaimsPrincipal actor, int employeeId, long? connecteamUserId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        if (connecteamUserId is <= 0)
        {
            throw new AdminActionRefusedException(AdminRefusal.InvalidConnecteamUserId);
        }
        var employee = await FindAsync(db, employeeId, cancellationToken);
        if (employee.ConnecteamUserId == connecteamUserId)
        {
            return;
        }
        if (connecteamUserId is { } id
            && await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId == id && e.Id != employeeId)
                .Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(cancellationToken) is { } holder)
        {
            throw new AdminActionRefusedException(AdminRefusal.ConnecteamUserIdTaken,
                id.ToString(CultureInfo.InvariantCulture), holder.Name, holder.Id.ToString(CultureInfo.InvariantCulture));
        }
        var old = employee.ConnecteamUserId;
        employee.ConnecteamUserId = connecteamUserId;
        employee.UpdatedUtc = Now();
        audit.Record(db, actor, AuditKinds.Employee, Id(employee), employee.Name, connecteamUserId is null ? "ConnecteamUnlinked" : "ConnecteamLinked",
            old?.ToString(CultureInfo.InvariantCulture), connecteamUserId?.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
    }

    // MappingAdministration.ApproveMappingAsync writes the verified mapping, attributes the stored rows and records the one audit entry.
    private async Task<IReadOnlyCollection<EmployeeDay>> ApproveAndRecomputeAsync(AsyncServiceScope scope, ClaimsPrincipal actor, string email,
        int employeeId, CancellationToken cancellationToken)
    {
        // MappingAdministration refuses with AdminActionRefusedException (an e-mail credited elsewhere), which reaches the page as it is.
        var days = await MappingAdministration.ApproveMappingAsync(scope.ServiceProvider, actor, email, employeeId, cancellationToken);
        await scoring.RecalculateAsync(days, cancellationToken);
        return days;
    }

    private static async Task RequeueAsync(ProductivityDbContext db, string email, string? podFactoryName, DateTime now, CancellationToken cancellationToken)
    {
        var queued = await db.PendingMappings.SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
        if (queued is null)
        {
            db.PendingMappings.Add(PendingMapping.Queued(email, podFactoryName, now));
            return;
        }
        queued.Status = PendingMappingStatus.Pending;
        queued.ResolvedUtc = null;
        queued.ResolvedBy = null;
        queued.LastSeenUtc = now;
    }

    private static async Task<Employee> FindAsync(ProductivityDbContext db, int employeeId, CancellationToken cancellationToken) =>
        await db.Employees.SingleOrDefaultAsync(e => e.Id == employeeId, cancellationToken)
        ?? throw new AdminActionRefusedException(AdminRefusal.EmployeeNotFound, employeeId.ToString(CultureInfo.InvariantCulture));

    private static async Task<EmployeeEmail> FindEmailAsync(ProductivityDbContext db, int employeeId, int emailId, CancellationToken cancellationToken) =>
        await db.EmployeeEmails.SingleOrDefaultAsync(m => m.Id == emailId && m.EmployeeId == employeeId, cancellationToken)
        ?? throw new AdminActionRefusedException(AdminRefusal.EmailNotCredited);

    private static string Id(Employee employee) => employee.Id.ToString(CultureInfo.InvariantCulture);

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;
}
