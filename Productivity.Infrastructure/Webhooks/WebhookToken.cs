using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Integrations.Connecteam;

namespace Productivity.Infrastructure.Webhooks;

/// <summary>
/// The webhook URL's secret (<c>Connecteam:WebhookToken</c>, validated at start-up with the other Connecteam options).
/// The webhook is on only with Connecteam configured: a re-read needs the API.
/// </summary>
public sealed class WebhookToken(IOptions<ConnecteamOptions> options, StartupSettings settings)
{
    private readonly byte[]? _hash = settings.ConnecteamConfigured && !string.IsNullOrEmpty(options.Value.WebhookToken)
        ? Hash(options.Value.WebhookToken)
        : null;

    private readonly string? _masked = settings.ConnecteamConfigured && options.Value.WebhookToken is { Length: > 0 } token
        ? $"{token[..4]}…{token[^4..]}"
        : null;

    public bool IsConfigured => _hash is not null;

    /// <summary>First and last four characters: enough to tell two tokens apart, far too little to guess the rest.</summary>
    public string? Masked => _masked;

    /// <summary>
    /// Compares hashes in constant time: FixedTimeEquals on the raw strings would return early on a length mismatch
    /// and tell a prober the token's length.
    /// </summary>
    public bool Matches(string? candidate) =>
        _hash is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_hash, Hash(candidate));

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
