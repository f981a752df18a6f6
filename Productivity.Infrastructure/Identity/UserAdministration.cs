using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Auditing;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Identity;

/// <summary>
/// Each call is one unit of work in a scope of its own (a new context and user manager): nothing is read from a user
/// object or context that an open page has held, so a change made in another tab or by another Admin is never missed.
/// </summary>
internal sealed class UserAdministration(
    IServiceScopeFactory scopes,
    AccessCheck access,
    AuditLog audit,
    TimeProvider timeProvider) : IUserAdministration
{
    public async Task<UserPage> SearchAsync(ClaimsPrincipal actor, UserQuery query, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (db, _) = Unit(scope);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(term)));
        }
        var total = await users.CountAsync(cancellationToken);
        users = (query.SortBy, query.Descending) switch
        {
            ("DisplayName", false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.NormalizedEmail),
            ("DisplayName", true) => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.NormalizedEmail),
            ("CreatedUtc", false) => users.OrderBy(u => u.CreatedUtc),
            ("CreatedUtc", true) => users.OrderByDescending(u => u.CreatedUtc),
            (_, true) => users.OrderByDescending(u => u.NormalizedEmail),
            _ => users.OrderBy(u => u.NormalizedEmail),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = await users.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(db, page.Select(u => u.Id).ToList(), cancellationToken);
        return new UserPage(page.Select(u => ToSummary(u, roles.GetValueOrDefault(u.Id) ?? [])).ToList(), total);
    }

    public async Task<CreatedUser> CreateAsync(ClaimsPrincipal actor, NewUser newUser, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (db, userManager) = Unit(scope);
        var email = newUser.Email?.Trim() ?? "";
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            throw new AdminActionRefusedException(AdminRefusal.InvalidEmail);
        }
        var roles = ValidRoles(newUser.Roles);
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            throw new AdminActionRefusedException(AdminRefusal.UserEmailTaken, email);
        }

        var password = PasswordGenerator.Generate();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(newUser.DisplayName) ? null : newUser.DisplayName.Trim(),
            MustChangePassword = true,
            CreatedUtc = timeProvider.GetUtcNow().UtcDateTime,
        };
        await InTransactionAsync(db, async () =>
        {
            Check(await userManager.CreateAsync(user, password));
            if (roles.Count > 0)
            {
                Check(await userManager.AddToRolesAsync(user, roles));
            }
            audit.Record(db, actor, AuditKinds.User, user.Id, email, "Created", null, $"roles: {Describe(roles)}");
        }, cancellationToken);
        return new CreatedUser(ToSummary(user, roles), password);
    }

    public async Task SetRolesAsync(ClaimsPrincipal actor, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (db, userManager) = Unit(scope);
        var wanted = ValidRoles(roles);
        var user = await FindAsync(userManager, userId);
        var current = (await userManager.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (current.SequenceEqual(wanted))
        {
            return;
        }
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
        {
            await EnsureNotLastActiveAdminAsync(db, userManager, user, AdminRefusal.CannotDemoteLastAdmin);
        }
        await InTransactionAsync(db, async () =>
        {
            var remove = current.Except(wanted).ToList();
            var add = wanted.Except(current).ToList();
            if (remove.Count > 0)
            {
                Check(await userManager.RemoveFromRolesAsync(user, remove));
            }
            if (add.Count > 0)
            {
                Check(await userManager.AddToRolesAsync(user, add));
            }
            // A new stamp makes open sessions pick up the new roles at their next revalidation.
            Check(await userManager.UpdateSecurityStampAsync(user));
            audit.Record(db, actor, AuditKinds.User, user.Id, user.Email, "RolesChanged", Describe(current), Describe(wanted));
        }, cancellationToken);
    }

    public async Task SetLockedAsync(ClaimsPrincipal actor, string userId, bool locked, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (db, userManager) = Unit(scope);
        var user = await FindAsync(userManager, userId);
        var wasLocked = IsLocked(user);
        if (wasLocked == locked)
        {
            return;
        }
        if (locked)
        {
            await EnsureNotLastActiveAdminAsync(db, userManager, user, AdminRefusal.CannotLockLastAdmin);
        }
        await InTransactionAsync(db, async () =>
        {
            Check(await userManager.SetLockoutEndDateAsync(user, locked ? ApplicationUser.AdminLockEnd : null));
            if (!locked)
            {
                Check(await userManager.ResetAccessFailedCountAsync(user));
            }
            else
            {
                Check(await userManager.UpdateSecurityStampAsync(user));
            }
            audit.Record(db, actor, AuditKinds.User, user.Id, user.Email, locked ? "Locked" : "Unlocked",
                wasLocked ? "locked" : "unlocked", locked ? "locked" : "unlocked");
        }, cancellationToken);
    }

    public async Task SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (db, userManager) = Unit(scope);
        var user = await FindAsync(userManager, userId);
        if (user.IsDisabled == disabled)
        {
            return;
        }
        if (disabled)
        {
            await EnsureNotLastActiveAdminAsync(db, userManager, user, AdminRefusal.CannotDisableLastAdmin);
        }
        await InTransactionAsync(db, async () =>
        {
            user.IsDisabled = disabled;
            Check(await userManager.UpdateAsync(user));
            // The new stamp ends the user's cookies and circuits at their next revalidation (one minute).
            Check(await userManager.UpdateSecurityStampAsync(user));
            audit.Record(db, actor, AuditKinds.User, user.Id, user.Email, disabled ? "Disabled" : "Enabled",
                disabled ? "enabled" : "disabled", disabled ? "disabled" : "enabled");
        }, cancellationToken);
    }

    public async Task<string> ResetPasswordAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        var (db, userManager) = Unit(scope);
        var user = await FindAsync(userManager, userId);
        var password = PasswordGenerator.Generate();
        await InTransactionAsync(db, async () =>
        {
            var token = await userManager.GeneratePasswordResetTokenAsync(user);
            Check(await userManager.ResetPasswordAsync(user, token, password));
            user.MustChangePassword = true;
            Check(await userManager.UpdateAsync(user));
            audit.Record(db, actor, AuditKinds.User, user.Id, user.Email, "PasswordReset", null, "generated password, change required");
        }, cancellationToken);
        return password;
    }

    private static (ProductivityDbContext Db, UserManager<ApplicationUser> Users) Unit(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<ProductivityDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());

    private async Task EnsureNotLastActiveAdminAsync(ProductivityDbContext db, UserManager<ApplicationUser> userManager,
        ApplicationUser target, AdminRefusal refusal)
    {
        if (!IsActiveAdminCandidate(target) || !await userManager.IsInRoleAsync(target, Roles.Admin))
        {
            return;
        }
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync();
        var otherActiveAdmins = await db.UserRoles
            .Where(ur => ur.RoleId == adminRoleId && ur.UserId != target.Id)
            .Join(db.Users, ur => ur.UserId, u => u.Id, (_, u) => u)
            .Where(u => !u.IsDisabled)
            .Select(u => u.LockoutEnd)
            .ToListAsync();
        // A sign-in lockout after failed passwords does not count: it ends by itself within minutes.
        if (!otherActiveAdmins.Any(end => !ApplicationUser.IsAdminLock(end)))
        {
            throw new AdminActionRefusedException(refusal);
        }
    }

    private static bool IsActiveAdminCandidate(ApplicationUser user) => ApplicationUser.MayAct(user.IsDisabled, user.LockoutEnd);

    private static bool IsLocked(ApplicationUser user) => ApplicationUser.IsAdminLock(user.LockoutEnd);

    private static async Task<ApplicationUser> FindAsync(UserManager<ApplicationUser> userManager, string userId) =>
        await userManager.FindByIdAsync(userId) ?? throw new AdminActionRefusedException(AdminRefusal.UserNotFound);

    private static async Task<Dictionary<string, List<string>>> RolesOfAsync(ProductivityDbContext db, List<string> userIds,
        CancellationToken cancellationToken)
    {
        var rows = await db.UserRoles.AsNoTracking()
            .Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).Order(StringComparer.Ordinal).ToList());
    }

    private static UserSummary ToSummary(ApplicationUser user, IReadOnlyList<string> roles) =>
        new(user.Id, user.Email ?? user.UserName ?? "", user.DisplayName, roles, IsLocked(user), user.IsDisabled,
            user.MustChangePassword, user.CreatedUtc);

    private static List<string> ValidRoles(IReadOnlyCollection<string>? roles)
    {
        var list = (roles ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var unknown = list.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new AdminActionRefusedException(AdminRefusal.UnknownRole, [.. unknown]);
        }
        return list;
    }

    private static string Describe(IEnumerable<string> roles)
    {
        var text = string.Join(", ", roles);
        return text.Length == 0 ? "(none)" : text;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // Identity's own descriptions (its describer can be localised), passed on for the page to show.
            throw new AdminActionRefusedException(AdminRefusal.IdentityRejected, [.. result.Errors.Select(e => e.Description)]);
        }
    }

    private static async Task InTransactionAsync(ProductivityDbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
