using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Web.Security;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Anyone else could claim
/// HTTPS or another client address with them. Read eagerly, like <see cref="StartupSettings"/>, so a mistyped address
/// stops start-up with its key instead of quietly trusting nobody.
/// </summary>
internal sealed record ForwardedHeadersSettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks)
{
    public const string SectionName = "ForwardedHeaders";
    public const string KnownProxiesKey = $"{SectionName}:KnownProxies";
    public const string KnownNetworksKey = $"{SectionName}:KnownNetworks";

    public static ForwardedHeadersSettings Read(IConfiguration configuration) => new(
        [.. Values(configuration, KnownProxiesKey).Select(v => ParseAddress(v.Key, v.Text))],
        [.. Values(configuration, KnownNetworksKey).Select(v => ParseNetwork(v.Key, v.Text))]);

    /// <summary>
    /// Configured proxies and networks replace ASP.NET's default, loopback only (a proxy on the same machine), so that
    /// an operator who lists them trusts exactly those; without any the default stays.
    /// </summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        if (KnownProxies.Count == 0 && KnownNetworks.Count == 0)
        {
            return;
        }
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    /// <summary>
    /// The list's entries (<c>Key:0</c>, <c>Key:1</c>, ... as JSON arrays bind), and a comma-separated value of the key
    /// itself, which is what a single environment variable <c>ForwardedHeaders__KnownProxies=a,b</c> gives.
    /// </summary>
    private static IEnumerable<(string Key, string Text)> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var own = (section.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(text => (key, text));
        var entries = section.GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .Select(child => (child.Path, child.Value!.Trim()));
        return own.Concat(entries);
    }

    private static IPAddress ParseAddress(string key, string text) =>
        IsDottedQuadOrIPv6(text) && IPAddress.TryParse(text, out var address)
            ? address
            : throw new ConfigurationException($"{key} must be an IP address such as 10.0.0.5 (got '{text}').");

    private static System.Net.IPNetwork ParseNetwork(string key, string text) =>
        IsDottedQuadOrIPv6(text.Split('/')[0]) && System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new ConfigurationException($"{key} must be a network in CIDR notation such as 10.0.0.0/8 (got '{text}').");

    // IPAddress.TryParse also takes the legacy forms "10" (0.0.0.10) and "10.1" (10.0.0.1), which are typos here.
    private static bool IsDottedQuadOrIPv6(string text) => text.Contains(':') || text.Count(c => c == '.') == 3;
}
