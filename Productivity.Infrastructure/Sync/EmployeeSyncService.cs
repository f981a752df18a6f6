using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>Creates and updates employees from Connecteam users (name, e-mail, user id, archived).</summary>
public sealed class EmployeeSyncService(ProductivityDbContext db, IConnecteamClient connecteam, MappingLookup mappings, TimeProvider timeProvider)
{
    /// <summary>The stored size of an employee's name.</summary>
    private const int MaxName = 200;

    public Task<SyncOutcome> SyncAsync(CancellationToken cancellationToken = default) =>
        SyncOutcome.CollectAsync(async outcome =>
        {
            var read = await connecteam.ReadUsersAsync(cancellationToken);
            outcome.ItemsRead += read.Rejected.Count;
            foreach (var rejected in read.Rejected)
            {
                outcome.Reject(rejected);
            }
            // The shift sync may read users at the same moment (a new hire clocked in); the loser applies itself again.
            outcome.MergeFrom(await ConcurrentWrites.RetryAsync(db, () => ApplyAsync(read.Users, cancellationToken)));
            // So may the verification of pending e-mails (at start-up the catch-up runs and the shift sync's own user read
            // meet): the loser finds them verified and does nothing.
            outcome.ChangedDays.UnionWith(await ConcurrentWrites.RetryAsync(db, () => mappings.AutoVerifyPendingAsync(cancellationToken)));
        }, cancellationToken);

    private async Task<SyncOutcome> ApplyAsync(IReadOnlyList<ConnecteamUser> users, CancellationToken cancellationToken)
    {
        var outcome = new SyncOutcome();
        outcome.ItemsRead += users.Count;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var employees = await db.Employees.Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, cancellationToken);

        foreach (var user in users.DistinctBy(u => u.UserId))
        {
            var name = string.IsNullOrWhiteSpace(user.FullName) ? $"Connecteam user {user.UserId}" : user.FullName;
            // A name is only shown: one longer than its column is cut. An e-mail is matched, so a cut one could credit
            // someone else's work: one too long to be any PodFactory e-mail is left out, and reported.
            name = name.Length > MaxName ? name[..(char.IsHighSurrogate(name[MaxName - 1]) ? MaxName - 1 : MaxName)] : name;
            var email = MappingLookup.Normalize(user.Email);
            if (email?.Length > IncomingRows.MaxEmailLength)
            {
                outcome.Reject("connecteam", $"user {user.UserId}",
                    $"e-mail longer than {IncomingRows.MaxEmailLength} characters; the employee is stored without it");
                email = null;
            }
            if (!employees.TryGetValue(user.UserId, out var employee))
            {
                db.Employees.Add(new Employee
                {
                    Name = name,
                    Email = email,
                    ConnecteamUserId = user.UserId,
                    IsArchived = user.IsArchived,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                });
                outcome.Added++;
            }
            // Archived in Connecteam archives here too; an Admin's own archive or restore is otherwise left alone.
            else if (employee.Name != name || employee.Email != email || (user.IsArchived && !employee.IsArchived))
            {
                employee.Name = name;
                employee.Email = email;
                employee.IsArchived |= user.IsArchived;
                employee.UpdatedUtc = now;
                outcome.Updated++;
            }
            else
            {
                outcome.Unchanged++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
