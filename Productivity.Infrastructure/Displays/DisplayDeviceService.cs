using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Auditing;
using Productivity.Core.Displays;
using Productivity.Core.Security;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Displays;

/// <summary>
/// Admin → Displays (list, create, revoke; Admin only, checked here on the server, each change audited) and the
/// checks a display's sign-in and its later requests and circuit make against the stored device. Every call reads
/// through a context of its own, the caller's rights included, so nothing depends on what an open page has held.
/// </summary>
public sealed class DisplayDeviceService(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, AuditLog audit,
    TimeProvider timeProvider)
{
    public const int MaxNameLength = 100;

    /// <summary>"Last seen" is written at most this often per device, not on every check.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<DisplaySummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DisplayDevices.AsNoTracking()
            .OrderBy(d => d.RevokedUtc != null).ThenBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new DisplaySummary(d.Id, d.Name, d.CreatedBy, d.CreatedUtc, d.LastSeenUtc, d.RevokedUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<CreatedDisplay> CreateAsync(ClaimsPrincipal actor, string name, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new AdminActionRefusedException(AdminRefusal.InvalidDisplayName, MaxNameLength.ToString(CultureInfo.InvariantCulture));
        }
        if (await db.DisplayDevices.AnyAsync(d => d.Name == name && d.RevokedUtc == null, cancellationToken))
        {
            throw new AdminActionRefusedException(AdminRefusal.DisplayNameTaken, name);
        }
        var token = DisplayToken.Generate();
        var device = new DisplayDevice
        {
            Name = name,
            TokenHash = DisplayToken.Hash(token),
            CreatedBy = actor.Identity?.Name ?? "unknown",
            CreatedUtc = timeProvider.GetUtcNow().UtcDateTime,
        };
        // The audit entry names the new id, so the device is saved first; one transaction keeps the two together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.DisplayDevices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, AuditKinds.Display, Id(device), device.Name, "Create", null, device.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedDisplay(Summary(device), token);
    }

    public async Task RevokeAsync(ClaimsPrincipal actor, int id, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var device = await db.DisplayDevices.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.DisplayNotFound);
        if (device.IsRevoked)
        {
            return;
        }
        device.RevokedUtc = timeProvider.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, AuditKinds.Display, Id(device), device.Name, "Revoke", "active", "revoked");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The active device a token belongs to, or null for an unknown, malformed or revoked token.</summary>
    public async Task<DisplaySummary?> FindActiveByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!DisplayToken.IsWellFormed(token))
        {
            return null;
        }
        var hash = DisplayToken.Hash(token!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var device = await db.DisplayDevices.AsNoTracking()
            .SingleOrDefaultAsync(d => d.TokenHash == hash && d.RevokedUtc == null, cancellationToken);
        if (device is null)
        {
            return null;
        }
        await TouchAsync(db, device.Id, cancellationToken);
        return Summary(device);
    }

    /// <summary>Whether a signed-in display may go on showing data (it exists and is not revoked); records it as seen.</summary>
    public async Task<bool> IsActiveAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.DisplayDevices.AnyAsync(d => d.Id == id && d.RevokedUtc == null, cancellationToken))
        {
            return false;
        }
        await TouchAsync(db, id, cancellationToken);
        return true;
    }

    private async Task TouchAsync(ProductivityDbContext db, int id, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var stale = now - LastSeenResolution;
        await db.DisplayDevices.Where(d => d.Id == id && (d.LastSeenUtc == null || d.LastSeenUtc < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenUtc, now), cancellationToken);
    }

    private static string Id(DisplayDevice device) => device.Id.ToString(CultureInfo.InvariantCulture);

    private static DisplaySummary Summary(DisplayDevice d) =>
        new(d.Id, d.Name, d.CreatedBy, d.CreatedUtc, d.LastSeenUtc, d.RevokedUtc);
}
