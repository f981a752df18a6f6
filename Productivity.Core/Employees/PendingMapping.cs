namespace Productivity.Core.Employees;

/// <summary>A PodFactory e-mail that no verified mapping covers; its rows are stored unattributed until it is resolved.</summary>
public sealed class PendingMapping
{
    public int Id { get; set; }
    /// <summary>Lower-case, trimmed; unique.</summary>
    public required string Email { get; set; }
    /// <summary>The name PodFactory shows for the e-mail (used to rank suggestions).</summary>
    public string? PodFactoryName { get; set; }
    public DateTime FirstSeenUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public PendingMappingStatus Status { get; set; }
    public DateTime? ResolvedUtc { get; set; }
    public string? ResolvedBy { get; set; }

    /// <summary>An e-mail seen for the first time (or given back to the queue) at <paramref name="nowUtc"/>.</summary>
    public static PendingMapping Queued(string email, string? podFactoryName, DateTime nowUtc) => new()
    {
        Email = email,
        PodFactoryName = podFactoryName,
        FirstSeenUtc = nowUtc,
        LastSeenUtc = nowUtc,
        Status = PendingMappingStatus.Pending,
    };
}
