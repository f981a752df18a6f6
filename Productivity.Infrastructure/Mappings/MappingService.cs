using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Auditing;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Mappings;

/// <summary>
/// Who did the work: PodFactory e-mails are credited to an employee only through a verified mapping. An e-mail equal
/// to exactly one employee's Connecteam e-mail is verified automatically; anything else waits in the pending queue.
/// Never guessed from a name.
/// </summary>
public sealed class MappingService(ProductivityDbContext db, AuditLog audit, ActivityDays activityDays, TimeProvider timeProvider)
{
    /// <summary>The length of the e-mail columns; a longer "e-mail" in an import is not one.</summary>
    internal const int MaxEmailLength = 256;

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
                    Resolve(queued, PendingMappingStatus.Approved, "automatic");
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
                db.PendingMappings.Add(new PendingMapping
                {
                    Email = email,
                    PodFactoryName = name,
                    FirstSeenUtc = now,
                    LastSeenUtc = now,
                    Status = PendingMappingStatus.Pending,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return resolved;
    }

    /// <summary>After an employee sync: pending e-mails that now equal exactly one employee's e-mail are verified and attributed.</summary>
    public async Task AutoVerifyPendingAsync(SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var pending = await db.PendingMappings.AsNoTracking().Where(p => p.Status == PendingMappingStatus.Pending)
            .ToDictionaryAsync(p => p.Email, p => p.PodFactoryName, cancellationToken);
        var resolved = await ResolveUnknownAsync(pending, cancellationToken);
        foreach (var (email, employeeId) in resolved)
        {
            outcome.ChangedDays.UnionWith(await AttributeAsync(email, employeeId, cancellationToken));
        }
    }

    /// <summary>Approves a pending e-mail for an employee: verified mapping, its stored rows attributed, one audit entry.</summary>
    public async Task<IReadOnlyCollection<EmployeeDay>> ApproveAsync(ClaimsPrincipal actor, string email, int employeeId,
        CancellationToken cancellationToken = default)
    {
        email = Normalize(email) ?? throw new MappingException("Enter an e-mail.");
        var employee = await db.Employees.FindAsync([employeeId], cancellationToken)
            ?? throw new MappingException($"Employee {employeeId} does not exist.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.EmployeeEmails.SingleOrDefaultAsync(m => m.Email == email, cancellationToken);
        if (existing is not null && existing.EmployeeId != employeeId && existing.IsVerified)
        {
            throw new MappingException($"{email} is already credited to another employee; remove that mapping first.");
        }
        var queued = await db.PendingMappings.SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
        var oldValue = existing is not null
            ? $"employee {existing.EmployeeId}{(existing.IsVerified ? "" : " (unverified)")}"
            : queued?.Status.ToString();
        var who = actor.Identity?.Name ?? "system";
        var now = Now();
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
            Resolve(queued, PendingMappingStatus.Approved, who);
        }
        audit.Record(db, actor, AuditKinds.Mapping, email, email, "Approved", oldValue, $"employee {employeeId} ({employee.Name})");
        await db.SaveChangesAsync(cancellationToken);
        var changed = await AttributeAsync(email, employeeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task RejectAsync(ClaimsPrincipal actor, string email, CancellationToken cancellationToken = default)
    {
        email = Normalize(email) ?? throw new MappingException("Enter an e-mail.");
        var queued = await db.PendingMappings.SingleOrDefaultAsync(p => p.Email == email, cancellationToken)
            ?? throw new MappingException($"{email} is not waiting for a mapping.");
        var old = queued.Status.ToString();
        Resolve(queued, PendingMappingStatus.Rejected, actor.Identity?.Name ?? "system");
        audit.Record(db, actor, AuditKinds.Mapping, email, email, "Rejected", old, nameof(PendingMappingStatus.Rejected));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Imports <c>email,connecteam_user_id</c> lines; bad lines are rejected and reported, the rest applied.</summary>
    public async Task ImportCsvAsync(ClaimsPrincipal actor, TextReader reader, SyncOutcome outcome, CancellationToken cancellationToken = default)
    {
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
            var email = Normalize(parts[0].Trim('"', ' '));
            if (email is null || !email.Contains('@', StringComparison.Ordinal) || email.Length > MaxEmailLength)
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
            try
            {
                outcome.ChangedDays.UnionWith(await ApproveAsync(actor, email, employeeId, cancellationToken));
                outcome.Added++;
            }
            catch (MappingException ex)
            {
                db.ChangeTracker.Clear();
                outcome.Reject("csv", key, ex.Message);
            }
        }
    }

    /// <summary>Credits the stored unattributed rows of an e-mail to the employee; returns the days that changed.</summary>
    private async Task<IReadOnlyCollection<EmployeeDay>> AttributeAsync(string email, int employeeId, CancellationToken cancellationToken)
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

    private void Resolve(PendingMapping queued, PendingMappingStatus status, string who)
    {
        queued.Status = status;
        queued.ResolvedUtc = Now();
        queued.ResolvedBy = who;
    }

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;
}

/// <summary>A refused mapping change; the message is safe to show.</summary>
public sealed class MappingException(string message) : Exception(message);
