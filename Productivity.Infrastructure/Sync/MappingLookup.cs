using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Who did the work, as ingestion looks it up: PodFactory e-mails are credited to an employee only through a verified
/// mapping. An e-mail equal to exactly one employee's Connecteam e-mail is verified automatically; anything else waits
/// in the pending queue for an Admin (<c>Mappings/MappingAdministration</c>). Never guessed from a name.
/// </summary>
public sealed class MappingLookup(ProductivityDbContext db, ActivityDays activityDays, TimeProvider timeProvider)
{
    public static string? Normalize(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>The verified mappings, e-mail → employee id.</summary>
    public Task<Dictionary<string, int>> VerifiedAsync(CancellationToken cancellationToken) =>
        db.EmployeeEmails.AsNoTracking().Where(m => m.IsVerified).ToDictionaryAsync(m => m.Email, m => m.EmployeeId, cancellationToken);

    /// <summary>
    /// Resolves e-mails that no verified mapping covers: auto-verifies exact Connecteam e-mail matches and queues the
    /// rest as pending. Returns the new verified mappings (the caller attributes its rows with them).
    /// </summary>
    public async Task<Dictionary<string, int>> ResolveUnknownAsync(IReadOnlyDictionary<string, string?> unknownEmailsWithNames,
        CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, int>();
        if (unknownEmailsWithNames.Count == 0)
        {
            return resolved;
        }
        var emails = unknownEmailsWithNames.Keys.ToList();
        var owners = await db.Employees.AsNoTracking()
            .Where(e => e.Email != null && emails.Contains(e.Email))
            .Select(e => new { e.Id, Email = e.Email! })
            .ToListAsync(cancellationToken);
        var now = Now();
        var pending = await db.PendingMappings.Where(p => emails.Contains(p.Email)).ToDictionaryAsync(p => p.Email, cancellationToken);
        foreach (var (email, name) in unknownEmailsWithNames)
        {
            var matches = owners.Where(o => o.Email == email).Select(o => o.Id).Distinct().ToList();
            if (matches.Count == 1)
            {
                db.EmployeeEmails.Add(new EmployeeEmail
                {
                    EmployeeId = matches[0],
                    Email = email,
                    IsVerified = true,
                    Source = MappingSources.ConnecteamEmail,
                    CreatedUtc = now,
                    VerifiedUtc = now,
                    VerifiedBy = "automatic",
                });
                if (pending.TryGetValue(email, out var queued))
                {
                    Resolve(queued, PendingMappingStatus.Approved, "automatic", now);
                }
                resolved[email] = matches[0];
            }
            else if (pending.TryGetValue(email, out var queued))
            {
                queued.LastSeenUtc = now;
                queued.PodFactoryName ??= name;
            }
            else
            {
                db.PendingMappings.Add(PendingMapping.Queued(email, name, now));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return resolved;
    }

    /// <summary>
    /// After an employee sync: pending e-mails that now equal exactly one employee's e-mail are verified and attributed.
    /// Returns the days whose rows were attributed.
    /// </summary>
    public async Task<IReadOnlyCollection<EmployeeDay>> AutoVerifyPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await db.PendingMappings.AsNoTracking().Where(p => p.Status == PendingMappingStatus.Pending)
            .ToDictionaryAsync(p => p.Email, p => p.PodFactoryName, cancellationToken);
        var resolved = await ResolveUnknownAsync(pending, cancellationToken);
        var days = new HashSet<EmployeeDay>();
        foreach (var (email, employeeId) in resolved)
        {
            days.UnionWith(await AttributeAsync(email, employeeId, cancellationToken));
        }
        return days;
    }

    /// <summary>Credits the stored unattributed rows of an e-mail to the employee; returns the days that changed.</summary>
    public async Task<IReadOnlyCollection<EmployeeDay>> AttributeAsync(string email, int employeeId, CancellationToken cancellationToken)
    {
        var windows = await db.Activities.AsNoTracking()
            .Where(a => a.Email == email && a.EmployeeId == null)
            .Select(a => new { a.WindowStartUtc, a.WindowEndUtc })
            .ToListAsync(cancellationToken);
        if (windows.Count == 0)
        {
            return [];
        }
        await db.Activities.Where(a => a.Email == email && a.EmployeeId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmployeeId, employeeId).SetProperty(a => a.UpdatedUtc, Now()), cancellationToken);
        return await activityDays.DaysOfAsync(windows.Select(w => (employeeId, w.WindowStartUtc, w.WindowEndUtc)).ToList(), cancellationToken);
    }

    /// <summary>Closes a pending e-mail: approved (automatically or by an Admin) or rejected.</summary>
    public static void Resolve(PendingMapping queued, PendingMappingStatus status, string who, DateTime now)
    {
        queued.Status = status;
        queued.ResolvedUtc = now;
        queued.ResolvedBy = who;
    }

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;
}
