using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Productivity.Web.Security;

/// <summary>
/// For an endpoint whose HTML comes from a library with inline scripts (the API reference page, Scalar): the page is
/// buffered, each inline script's SHA-256 is put in the request's items, and <see cref="SecurityHeadersMiddleware"/>
/// allows exactly those scripts. The site's policy keeps 'self' and hashes only; no 'unsafe-inline' for scripts.
/// </summary>
public static partial class InlineScriptHashes
{
    public const string ItemKey = "productivity:csp-script-hashes";

    /// <summary>Marks an endpoint whose HTML answer's inline scripts are hashed into its Content-Security-Policy.</summary>
    public static TBuilder HashInlineScripts<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var original = http.Response.Body;
            await using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                var result = await next(context);
                if (result is IResult inner)
                {
                    await inner.ExecuteAsync(http);
                }
                http.Response.Body = original;
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    http.Items[ItemKey] = HashesOf(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                }
                http.Response.ContentLength = buffer.Length;
                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
                return Results.Empty;
            }
            finally
            {
                http.Response.Body = original;
            }
        });

    /// <summary>The CSP sources ('sha256-…') of the document's inline scripts, hashed as the browser does (line ends as \n).</summary>
    public static IReadOnlyList<string> HashesOf(string html) =>
        [
            .. InlineScript().Matches(html).Select(m => "'sha256-" + Convert.ToBase64String(
                SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value.ReplaceLineEndings("\n")))) + "'"),
        ];

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
