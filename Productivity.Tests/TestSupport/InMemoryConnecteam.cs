using Productivity.Core.Integrations;

namespace Productivity.Tests.TestSupport;

/// <summary>A scriptable <see cref="IConnecteamClient"/> for sync logic tests (the HTTP client has its own tests against a fake server).</summary>
public sealed class InMemoryConnecteam : IConnecteamClient
{
    public List<ConnecteamUser> Users { get; } = [];
    public List<ConnecteamClock> Clocks { get; } = [new(1, "Warehouse", false)];
    public List<ConnecteamShift> Shifts { get; } = [];
    public List<ConnecteamBreak> Breaks { get; } = [];
    public List<RejectedRow> Rejected { get; } = [];
    /// <summary>The break types of every clock.</summary>
    public List<ConnecteamBreakType> BreakTypes { get; } = [new("brk-lunch", "Lunch", false)];
    public int UserReads { get; private set; }
    /// <summary>Users left out of time-activities answers; every other user counts as assigned to every clock.</summary>
    public HashSet<long> AbsentUsers { get; } = [];

    public Task<IReadOnlyList<ConnecteamUser>> GetUsersAsync(CancellationToken cancellationToken = default)
    {
        UserReads++;
        return Task.FromResult<IReadOnlyList<ConnecteamUser>>(Users.ToList());
    }

    public Task<IReadOnlyList<ConnecteamClock>> GetTimeClocksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConnecteamClock>>(Clocks.ToList());

    public async Task<ConnecteamActivities> GetTimeActivitiesAsync(long clockId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        // Connecteam filters by the shift's start date; a generous UTC filter is enough for these tests.
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-14);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(14);
        var shifts = Shifts.Where(s => s.ClockId == clockId && s.StartUtc >= start && s.StartUtc < end && !AbsentUsers.Contains(s.UserId)).ToList();
        var breaks = Breaks.Where(b => b.ClockId == clockId && b.StartUtc >= start && b.StartUtc < end && !AbsentUsers.Contains(b.UserId)).ToList();
        var users = Users.Select(u => u.UserId).Concat(shifts.Select(s => s.UserId)).Concat(breaks.Select(b => b.UserId)).ToHashSet();
        users.ExceptWith(AbsentUsers);
        return new ConnecteamActivities(shifts, breaks, Rejected.ToList(), users);
    }

    public Task<IReadOnlyList<ConnecteamBreakType>> GetBreakTypesAsync(long clockId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConnecteamBreakType>>(BreakTypes.ToList());

    public ConnecteamUser AddUser(long id, string first, string last, string? email = null, bool archived = false)
    {
        var user = new ConnecteamUser(id, first, last, email, archived);
        Users.Add(user);
        return user;
    }

    public void AddShift(string id, long userId, DateTime startUtc, DateTime? endUtc, long clockId = 1) =>
        Shifts.Add(new ConnecteamShift(id, userId, clockId, startUtc, endUtc));

    public void ReplaceShift(string id, DateTime startUtc, DateTime? endUtc)
    {
        var index = Shifts.FindIndex(s => s.Id == id);
        Shifts[index] = Shifts[index] with { StartUtc = startUtc, EndUtc = endUtc };
    }
}
