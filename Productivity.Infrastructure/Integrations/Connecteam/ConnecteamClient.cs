using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Integrations.Connecteam.Dtos;

namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// Connecteam's REST API over a typed <see cref="HttpClient"/> (base address, <c>X-API-KEY</c>, rate limit and retries
/// come from <see cref="ConnecteamRegistration"/>). Paging and date windows stay in here; callers get Core records in UTC.
/// </summary>
internal sealed class ConnecteamClient(HttpClient httpClient, ILogger<ConnecteamClient> logger) : IConnecteamClient
{
    public const string ApiKeyHeader = "X-API-KEY";

    /// <summary>The largest page the users endpoint serves (its default is 10).</summary>
    public const int UsersPageSize = 500;

    /// <summary>
    /// Days per time-activities call: the ceiling is 90 (92 in the guide, 90 since the September 2025 changelog), 31 is
    /// the safe size a third-party wrapper documents. Longer ranges are read in adjacent windows.
    /// </summary>
    public const int WindowDays = 31;

    private const string Source = "connecteam";
    private const long MaxUnixSeconds = 253_402_300_799;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ConnecteamUser>> GetUsersAsync(CancellationToken cancellationToken = default) =>
        (await ReadUsersAsync(cancellationToken)).Users;

    public async Task<ConnecteamUsers> ReadUsersAsync(CancellationToken cancellationToken = default)
    {
        var users = new List<ConnecteamUser>();
        var rejected = new List<RejectedRow>();
        var seen = new HashSet<long>();
        for (var offset = 0; ; offset += UsersPageSize)
        {
            // Without sort the API guarantees no order, so offsets would cut a different list on every page and users
            // would be lost or repeated; created_at ascending also puts users created mid-read at the end, not in between.
            var path = Invariant($"/users/v1/users?limit={UsersPageSize}&offset={offset}&userStatus=all&sort=created_at&order=asc");
            var page = await GetAsync<ConnecteamResponseDto<ConnecteamUsersDataDto>>(path, cancellationToken);
            var items = page.Data?.Users ?? throw MissingList(path, "data.users");

            var added = 0;
            for (var i = 0; i < items.Count; i++)
            {
                // An unreadable user is reported (and skipped), never the page: the others are still read.
                var dto = TryDeserialize<ConnecteamUserDto>(items[i], out var error);
                if (dto is null || ToUser(dto) is not { } user)
                {
                    rejected.Add(new RejectedRow(Source, Invariant($"users[{offset + i}]"), error ?? "user has no userId"));
                    continue;
                }
                if (seen.Add(user.UserId))
                {
                    users.Add(user);
                    added++;
                }
            }

            // paging.total is optional and not trusted: a short page is the end (Connecteam's pagination guide).
            if (items.Count < UsersPageSize)
            {
                return new ConnecteamUsers(users, rejected);
            }
            if (added == 0)
            {
                throw new ConnecteamApiException(HttpStatusCode.OK, path, "a full page held no new users; paging does not advance");
            }
        }
    }

    public async Task<IReadOnlyList<ConnecteamClock>> GetTimeClocksAsync(CancellationToken cancellationToken = default)
    {
        const string path = "/time-clock/v1/time-clocks";
        var response = await GetAsync<ConnecteamResponseDto<ConnecteamTimeClocksDataDto>>(path, cancellationToken);
        var items = response.Data?.TimeClocks ?? throw MissingList(path, "data.timeClocks");
        return ReadItems(items, path, "timeClocks", (ConnecteamTimeClockDto dto) =>
            dto.Id is { } id ? new ConnecteamClock(id, dto.Name ?? "", dto.IsArchived ?? false) : null);
    }

    public async Task<IReadOnlyList<ConnecteamBreakType>> GetBreakTypesAsync(long clockId, CancellationToken cancellationToken = default)
    {
        var path = Invariant($"/time-clock/v1/time-clocks/{clockId}/manual-breaks");
        var response = await GetAsync<ConnecteamResponseDto<ConnecteamManualBreaksDataDto>>(path, cancellationToken);
        var items = response.Data?.ManualBreaks ?? throw MissingList(path, "data.manualBreaks");
        // A type without isPaid is taken as unpaid: counting a break as work time needs the API to say so.
        return ReadItems(items, path, "manualBreaks", (ConnecteamBreakTypeDto dto) =>
            string.IsNullOrWhiteSpace(dto.Id) ? null : new ConnecteamBreakType(dto.Id, dto.Name ?? "", dto.IsPaid ?? false));
    }

    public Task<ConnecteamActivities> GetTimeActivitiesAsync(long clockId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        ReadTimeActivitiesAsync(clockId, from, to, [], cancellationToken);

    public Task<ConnecteamActivities> GetTimeActivitiesAsync(long clockId, DateOnly from, DateOnly to, IReadOnlyCollection<long> userIds,
        CancellationToken cancellationToken = default)
    {
        // An empty filter would read everyone: a targeted read of nobody is a caller's mistake.
        ArgumentOutOfRangeException.ThrowIfZero(userIds.Count);
        return ReadTimeActivitiesAsync(clockId, from, to, userIds, cancellationToken);
    }

    private async Task<ConnecteamActivities> ReadTimeActivitiesAsync(
        long clockId, DateOnly from, DateOnly to, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);

        // Keyed by id: should Connecteam return a shift in two adjacent windows, it is kept once.
        var shifts = new Dictionary<string, ConnecteamShift>(StringComparer.Ordinal);
        var breaks = new Dictionary<string, ConnecteamBreak>(StringComparer.Ordinal);
        var rejected = new List<RejectedRow>();
        var listed = new HashSet<long>();
        var incomplete = new HashSet<long>();
        for (var start = from; start <= to; start = start.AddDays(WindowDays))
        {
            var end = start.AddDays(WindowDays - 1) < to ? start.AddDays(WindowDays - 1) : to;
            var window = $"{Day(start)}..{Day(end)}";
            var path = Invariant($"/time-clock/v1/time-clocks/{clockId}/time-activities?startDate={Day(start)}&endDate={Day(end)}")
                + UserFilter(userIds);
            var response = await GetAsync<ConnecteamResponseDto<ConnecteamTimeActivitiesDataDto>>(path, cancellationToken);
            var entries = response.Data?.TimeActivitiesByUsers ?? throw MissingList(path, "data.timeActivitiesByUsers");

            for (var i = 0; i < entries.Count; i++)
            {
                var entry = TryDeserialize<ConnecteamUserActivitiesDto>(entries[i], out var error);
                if (entry?.UserId is not { } userId)
                {
                    rejected.Add(new RejectedRow(Source, Invariant($"clock {clockId} {window} timeActivitiesByUsers[{i}]"),
                        error ?? "user entry has no userId; its shifts and breaks are skipped"));
                    continue;
                }

                var shiftsRead = ReadActivities(entry.Shifts, "shifts", "shift", clockId, userId, window, rejected,
                    (id, startUtc, endUtc, _) => shifts[id] = new ConnecteamShift(id, userId, clockId, startUtc, endUtc));
                var breaksRead = ReadActivities(entry.ManualBreaks, "manualBreaks", "manual break", clockId, userId, window, rejected,
                    (id, startUtc, endUtc, dto) => breaks[id] = new ConnecteamBreak(id, userId, clockId, startUtc, endUtc,
                        dto.ManualBreakId, dto.IsPaid ?? false));
                // The sync removes a stored shift or break missing from a listed user's lists, so only a user whose lists
                // were read in full (in every window) is listed: an unreadable item might be the one we hold.
                (shiftsRead && breaksRead ? listed : incomplete).Add(userId);
            }
        }

        listed.ExceptWith(incomplete);
        return new ConnecteamActivities([.. shifts.Values], [.. breaks.Values], rejected, listed);
    }

    /// <returns>Whether the list was there and every item of it could be read.</returns>
    private static bool ReadActivities(
        List<JsonElement>? items, string list, string kind, long clockId, long userId, string window, List<RejectedRow> rejected,
        Action<string, DateTime, DateTime?, ConnecteamActivityDto> add)
    {
        if (items is null)
        {
            // The list is required (reference A.4): without it the user's items cannot be read, and that is reported.
            rejected.Add(new RejectedRow(Source, Invariant($"clock {clockId} user {userId} {window} {list}"),
                $"user entry has no {list} list; the user's stored {list} are kept"));
            return false;
        }
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var dto = TryDeserialize<ConnecteamActivityDto>(items[i], out var error);
            var key = string.IsNullOrWhiteSpace(dto?.Id)
                ? Invariant($"clock {clockId} user {userId} {window} {kind} #{i}")
                : dto.Id;
            var reason = error ?? Validate(dto!, kind);
            if (reason is not null)
            {
                rejected.Add(new RejectedRow(Source, key, reason));
                complete = false;
                continue;
            }

            // Unix seconds are UTC by definition; never convert through the server's local time zone.
            var startUtc = DateTimeOffset.FromUnixTimeSeconds(dto!.Start!.Timestamp!.Value).UtcDateTime;
            DateTime? endUtc = dto.End is { Timestamp: { } end } ? DateTimeOffset.FromUnixTimeSeconds(end).UtcDateTime : null;
            add(key, startUtc, endUtc, dto);
        }
        return complete;
    }

    // End before start is not rejected here: the sync owns that rule and reports it.
    private static string? Validate(ConnecteamActivityDto dto, string kind) => dto switch
    {
        _ when string.IsNullOrWhiteSpace(dto.Id) => $"{kind} has no id",
        // Stored as the row's key: a longer id would not fit, and a cut one could match another item.
        _ when dto.Id.Length > IncomingRows.MaxConnecteamIdLength =>
            Invariant($"{kind} id longer than {IncomingRows.MaxConnecteamIdLength} characters"),
        _ when kind == "manual break" && dto.ManualBreakId?.Length > IncomingRows.MaxConnecteamIdLength =>
            Invariant($"{kind} manualBreakId longer than {IncomingRows.MaxConnecteamIdLength} characters"),
        { Start: null } => $"{kind} has no start",
        { Start.Timestamp: null } => $"{kind} start has no timestamp",
        { Start.Timestamp: < 0 or > MaxUnixSeconds } => Invariant($"{kind} start.timestamp {dto.Start.Timestamp} is out of range"),
        { End: { Timestamp: null } } => $"{kind} end has no timestamp",
        { End.Timestamp: < 0 or > MaxUnixSeconds } => Invariant($"{kind} end.timestamp {dto.End.Timestamp} is out of range"),
        _ => null,
    };

    private static ConnecteamUser? ToUser(ConnecteamUserDto dto) => dto.UserId is { } userId
        ? new ConnecteamUser(userId, dto.FirstName ?? "", dto.LastName ?? "", string.IsNullOrWhiteSpace(dto.Email) ? null : dto.Email.Trim(),
            dto.IsArchived ?? false)
        : null;

    /// <summary>The items <paramref name="read"/> accepts; an unreadable one (or one without an id) is logged and skipped.</summary>
    private List<T> ReadItems<TDto, T>(List<JsonElement> items, string path, string list, Func<TDto, T?> read)
        where TDto : class
        where T : class
    {
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var dto = TryDeserialize<TDto>(items[i], out var error);
            if (dto is not null && read(dto) is { } item)
            {
                result.Add(item);
            }
            else
            {
                logger.LogWarning("Connecteam GET {Path}: {List}[{Index}] skipped: {Reason}", path, list, i, error ?? "no id");
            }
        }
        return result;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await httpClient.GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, path, cancellationToken);
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(body, JsonOptions, cancellationToken)
                ?? throw new ConnecteamApiException(response.StatusCode, path, "the response body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new ConnecteamApiException(response.StatusCode, path,
                $"the response body is not JSON of the expected shape (at {ex.Path ?? "$"}, line {ex.LineNumber}, byte {ex.BytePositionInLine})", ex);
        }
    }

    private async Task<ConnecteamApiException> ErrorAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = ConnecteamErrorMessage.From(body) ?? response.ReasonPhrase ?? "no details";
        if (httpClient.DefaultRequestHeaders.TryGetValues(ApiKeyHeader, out var keys) && keys.FirstOrDefault() is { Length: > 0 } key)
        {
            message = message.Replace(key, "***", StringComparison.Ordinal);
        }

        var section = ConnecteamOptions.SectionName;
        var reason = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized when !httpClient.DefaultRequestHeaders.Contains(ApiKeyHeader) =>
                $"no API key is configured; set {section}:ApiKey ({message})",
            HttpStatusCode.Unauthorized => $"the API key was refused; check {section}:ApiKey ({message})",
            HttpStatusCode.Forbidden =>
                $"access denied; the API needs the Expert plan, and time clocks the Operations hub ({message})",
            HttpStatusCode.TooManyRequests when response.Headers.TryGetValues("x-ratelimit-day-remaining", out var left) && left.FirstOrDefault() == "0" =>
                $"the daily request limit of the account is spent ({message})",
            HttpStatusCode.TooManyRequests => $"still rate limited after waiting for the reset ({message})",
            _ => message,
        };
        return new ConnecteamApiException(response.StatusCode, path, reason);
    }

    private static T? TryDeserialize<T>(JsonElement element, out string? error)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, got {element.ValueKind}";
            return null;
        }
        try
        {
            error = null;
            return element.Deserialize<T>(JsonOptions);
        }
        catch (JsonException ex)
        {
            error = $"unreadable value at {ex.Path ?? "$"}";
            return null;
        }
    }

    private static ConnecteamApiException MissingList(string path, string member) =>
        new(HttpStatusCode.OK, path, $"the response has no {member} list");

    // Repeated keys (userIds=1&userIds=2): the FastAPI encoding of a list (reference A.3).
    private static string UserFilter(IReadOnlyCollection<long> userIds) =>
        string.Concat(userIds.Distinct().Order().Select(id => Invariant($"&userIds={id}")));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
