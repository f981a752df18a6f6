using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Productivity.Web.Security;

/// <summary>
/// Headers for every response, set when the response starts so that error and status pages (which clear the headers
/// and render again) carry them too. The Content-Security-Policy is the one policy of the site; the framework's own
/// <c>frame-ancestors 'self'</c> header is switched off in <see cref="DependencyInjection.MapWeb"/> and kept here.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // The component endpoints share one import map; its hash is computed once.
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ImportMapHashes = new();

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy(http.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>(),
                http.Items[InlineScriptHashes.ItemKey] as IReadOnlyList<string>);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>
    /// Everything from this site only, with three exceptions the pages need: MudBlazor writes <c>style</c> attributes and
    /// <c>&lt;style&gt;</c> blocks (theme, scrollbars), hence <c>'unsafe-inline'</c> for styles (never for scripts); its
    /// CSS has <c>data:</c> images (fonts may too); and the one inline script, the import map of <c>&lt;ImportMap /&gt;</c>
    /// in App.razor, is allowed by its SHA-256. <c>connect-src 'self'</c> covers the circuit's WebSocket to the same host
    /// (CSP 3; ContentSecurityPolicyTests checks it in Chromium). <c>frame-ancestors 'self'</c> is what
    /// AddInteractiveServerRenderMode sent until now, its defence for compressed WebSockets; the floor TV is no exception.
    /// </summary>
    private static string ContentSecurityPolicy(ImportMapDefinition? importMap, IReadOnlyList<string>? inlineScripts)
    {
        var scripts = importMap is null ? "'self'" : $"'self' '{ImportMapHashes.GetValue(importMap, Hash)}'";
        if (inlineScripts is { Count: > 0 })
        {
            // A library's page (the API reference): its own inline scripts, hashed from the answer (InlineScriptHashes).
            scripts += " " + string.Join(' ', inlineScripts);
        }
        return "default-src 'self'; " +
            $"script-src {scripts}; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data:; " +
            "font-src 'self' data:; " +
            "connect-src 'self'; " +
            "frame-ancestors 'self'; " +
            "base-uri 'self'; " +
            "form-action 'self'; " +
            "object-src 'none'";
    }

    // ToString is the JSON that ImportMap writes as the script's text. The browser hashes that text after the HTML
    // parser turned every line break into \n.
    private static string Hash(ImportMapDefinition importMap) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString().ReplaceLineEndings("\n"))));
}
