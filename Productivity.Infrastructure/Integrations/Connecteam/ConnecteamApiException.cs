using System.Net;

namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// A Connecteam call that failed for good (after retries): an error status, a body that could not be read, a timeout
/// or a network error. The message names the request path and the reason; it never contains the API key.
/// </summary>
public sealed class ConnecteamApiException(HttpStatusCode? statusCode, string path, string reason, Exception? innerException = null)
    : Exception(Describe(statusCode, path, reason), innerException)
{
    /// <summary>The HTTP status, or null when no response arrived (timeout, network error).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The request path and query, e.g. <c>/users/v1/users?limit=500&amp;offset=0&amp;userStatus=all</c>.</summary>
    public string Path { get; } = path;

    public string Reason { get; } = reason;

    private static string Describe(HttpStatusCode? statusCode, string path, string reason) =>
        statusCode is { } status
            ? $"Connecteam GET {path} failed with {(int)status} {status}: {reason}"
            : $"Connecteam GET {path} failed: {reason}";
}
