using CsCheck;

namespace Productivity.Tests.Infrastructure.BadInput;

/// <summary>
/// The seed of the bad-input generators: fixed, so that every run checks the same cases and a failure reproduces, unless
/// <c>CsCheck_Seed</c> is set (CsCheck prints the seed of a failing case; set it to replay that case, or to a new seed to
/// explore other inputs).
/// </summary>
public static class BadInputSeed
{
    public static string Value =>
        Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } seed ? seed : new PCG(17, 20261207).ToString();
}
