namespace Productivity.Web.Security;

/// <summary>
/// Decides whether a <c>ReturnUrl</c> may be followed after sign-in. Only a path on this site qualifies: one leading
/// <c>/</c>, not <c>//</c> or <c>/\</c> (browsers read both as "another host"), no backslash anywhere (browsers turn it
/// into <c>/</c>) and no control character (browsers drop tabs and newlines, so <c>/\t/evil</c> would become
/// <c>//evil</c>). The same rules hold once more after percent-decoding, for a value that was encoded one time too many.
/// </summary>
internal static class LocalReturnPath
{
    public static bool IsLocal(string? path) =>
        path is not null && IsLocalAsWritten(path) && IsLocalAsWritten(Uri.UnescapeDataString(path));

    private static bool IsLocalAsWritten(string path) =>
        path.StartsWith('/')
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl);
}
