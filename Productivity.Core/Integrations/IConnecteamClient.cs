namespace Productivity.Core.Integrations;

/// <summary>Connecteam's REST API: users, time clocks and time activities (shifts and manual breaks).</summary>
public interface IConnecteamClient
{
    /// <summary>Every user of the account, active and archived, across all pages.</summary>
    Task<IReadOnlyList<ConnecteamUser>> GetUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The same users with the items of the answer that could not be read (no <c>userId</c>, a value of the wrong
    /// type), so that the sync can report them. The default is for sources whose users are always readable.
    /// </summary>
    async Task<ConnecteamUsers> ReadUsersAsync(CancellationToken cancellationToken = default) =>
        new(await GetUsersAsync(cancellationToken), []);

    /// <summary>Every time clock of the account, archived ones included.</summary>
    Task<IReadOnlyList<ConnecteamClock>> GetTimeClocksAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Shifts and manual breaks of one clock for the dates <paramref name="from"/>..<paramref name="to"/> (inclusive,
    /// the clock's dates as Connecteam interprets them), read in windows of at most 31 days. Items that cannot be read
    /// are returned in <see cref="ConnecteamActivities.Rejected"/> instead of failing the call.
    /// </summary>
    Task<ConnecteamActivities> GetTimeActivitiesAsync(long clockId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>The manual break types of one clock (what a break's <c>manualBreakId</c> refers to).</summary>
    Task<IReadOnlyList<ConnecteamBreakType>> GetBreakTypesAsync(long clockId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same for the given users only (Connecteam's <c>userIds</c> filter; a user no longer assigned to the clock is
    /// not returned). The default filters the unfiltered read, for sources that have no filter of their own.
    /// </summary>
    async Task<ConnecteamActivities> GetTimeActivitiesAsync(long clockId, DateOnly from, DateOnly to, IReadOnlyCollection<long> userIds,
        CancellationToken cancellationToken = default)
    {
        var all = await GetTimeActivitiesAsync(clockId, from, to, cancellationToken);
        return new ConnecteamActivities([.. all.Shifts.Where(s => userIds.Contains(s.UserId))],
            [.. all.Breaks.Where(b => userIds.Contains(b.UserId))], all.Rejected, all.Users.Where(userIds.Contains).ToHashSet());
    }
}
