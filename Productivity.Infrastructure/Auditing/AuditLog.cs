using System.Security.Claims;
using Productivity.Core.Auditing;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Auditing;

/// <summary>Adds audit entries to the caller's unit of work (its context), so the entry is saved with the change it describes.</summary>
public sealed class AuditLog(TimeProvider timeProvider)
{
    public void Record(ProductivityDbContext db, ClaimsPrincipal actor, string kind, string targetId, string? targetName, string action,
        string? oldValue, string? newValue)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredUtc = timeProvider.GetUtcNow().UtcDateTime,
            ActorId = actor.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = actor.Identity?.Name ?? "system",
            Kind = kind,
            // A target can be an e-mail (a mapping), up to 256 characters: the id column keeps its first 64, the name
            // column the whole of it, so that recording the change can never fail the change itself.
            TargetId = targetId.Length > MaxTargetId ? targetId[..MaxTargetId] : targetId,
            TargetName = targetName is { Length: > MaxTargetName } ? targetName[..MaxTargetName] : targetName,
            Action = action,
            OldValue = Truncate(oldValue),
            NewValue = Truncate(newValue),
        });
    }

    private const int MaxTargetId = 64;
    private const int MaxTargetName = 256;

    private static string? Truncate(string? value) => value is { Length: > 2000 } ? value[..2000] : value;
}
