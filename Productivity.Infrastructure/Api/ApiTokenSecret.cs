using System.Security.Cryptography;
using System.Text;

namespace Productivity.Infrastructure.Api;

/// <summary>
/// Personal access tokens: "pat_" and 32 random bytes in URL-safe base64 (47 characters). The prefix lets secret
/// scanners and people recognise one; the database keeps only the SHA-256 (a random 256-bit secret needs no slow hash).
/// </summary>
public static class ApiTokenSecret
{
    public const string Marker = "pat_";
    public const int Length = 47;
    /// <summary>How much of a token lists show: the marker and four characters.</summary>
    public const int PrefixLength = 8;

    public static string Generate() => Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check before any database lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.StartsWith(Marker, StringComparison.Ordinal)
        && token.AsSpan(Marker.Length).ContainsAnyExcept(Base64UrlCharacters) is false;

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
