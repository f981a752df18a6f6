using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Identity;

/// <summary>Per-user display preferences, stored with the user so they follow them to any browser and node.</summary>
public sealed class UserPreferences(IDbContextFactory<ProductivityDbContext> contextFactory)
{
    public async Task<bool?> GetDarkModeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }
        await using var db = contextFactory.CreateDbContext();
        return await db.Users.Where(u => u.Id == id).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetDarkModeAsync(ClaimsPrincipal user, bool darkMode, CancellationToken cancellationToken = default)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return;
        }
        await using var db = contextFactory.CreateDbContext();
        await db.Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkMode, darkMode), cancellationToken);
    }
}
