namespace Productivity.TestSupport;

/// <summary>One request as <see cref="FakeConnecteamServer"/> received it, with the status it answered.</summary>
public sealed record FakeConnecteamRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    bool HasApiKey,
    DateTimeOffset ReceivedAt,
    int StatusCode,
    DateTimeOffset? RateLimitReset)
{
    public string? this[string queryName] => Query.GetValueOrDefault(queryName);
}
