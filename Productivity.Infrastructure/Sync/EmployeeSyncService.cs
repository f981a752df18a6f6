using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>Creates and updates employees from Connecteam users (name, e-mail, user id, archived).</summary>
public sealed class EmployeeSyncService(ProductivityDbContext db, IConnecteamClient connecteam, MappingService mappings, TimeProvider timeProvider)
{
    public async Task SyncAsync(SyncOutcome outcome, CancellationToken cancellationToken = default)
    {
        var users = await connecteam.GetUsersAsync(cancellationToken);
        // The shift sync may read users at the same moment (a new hire clocked in); the loser applies itself again.
        await ConcurrentWrites.ApplyAsync(db, outcome, trial => ApplyAsync(users, trial, cancellationToken));
        // So may the verification of pending e-mails (at start-up the catch-up runs and the shift sync's own user read
        // meet): the loser finds them verified and does nothing.
        await ConcurrentWrites.ApplyAsync(db, outcome, trial => mappings.AutoVerifyPendingAsync(trial, cancellationToken));
    }

    private async Task ApplyAsync(IReadOnlyList<ConnecteamUser> users, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        outcome.ItemsRead += users.Count;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var employees = await db.Employees.Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, cancellationToken);

        foreach (var user in users.DistinctBy(u => u.UserId))
        {
            var name = string.IsNullOrWhiteSpace(user.FullName) ? $"Connecteam user {user.UserId}" : user.FullName;
            var email = MappingService.Normalize(user.Email);
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
    }
}
