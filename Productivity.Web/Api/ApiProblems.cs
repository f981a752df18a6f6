using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Productivity.Web.Api;

/// <summary>Every error of the read API is an RFC 9457 problem (application/problem+json) with a sentence that says what to change.</summary>
public static class ApiProblems
{
    public static IResult Result(int status, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail, Type = TypeOf(status) });

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        // The site's HTML status pages mean nothing to an API client.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail, Type = TypeOf(status) },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        _ => "Error",
    };

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "about:blank",
    };
}
