using System.Globalization;
using System.Text;
using Productivity.Core.Dashboard;
using Productivity.Core.Security;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Web.Exports;

/// <summary><c>GET /exports/scores.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c>: the score export of a range, for Managers and Admins.</summary>
public static class ScoreExportEndpoints
{
    public const string Path = "/exports/scores.csv";

    public static IEndpointRouteBuilder MapScoreExports(this IEndpointRouteBuilder endpoints)
    {
        // Signed-in callers only (anonymous ones are sent to the login page); the role is checked in the handler so
        // that a Lead gets a plain 403 rather than the cookie handler's redirect to the access-denied page.
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization();
        return endpoints;
    }

    public static string UrlFor(DashboardRange range) => $"{Path}?from={Iso(range.From)}&to={Iso(range.To)}";

    public static string FileNameFor(DashboardRange range) => $"scores-{Iso(range.From)}-{Iso(range.To)}.csv";

    private static IResult ExportAsync(HttpContext context, ScoreExport export, string? from, string? to)
    {
        if (!context.User.IsInRole(Roles.Admin) && !context.User.IsInRole(Roles.Manager))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!TryParse(from, out var first) || !TryParse(to, out var last))
        {
            return Results.BadRequest("'from' and 'to' must be dates written as YYYY-MM-DD.");
        }
        var range = new DashboardRange(first, last);
        if (range.Problem() is { } problem)
        {
            return Results.BadRequest(problem);
        }
        return Results.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await export.WriteCsvAsync(range.From, range.To, writer, cancellationToken: context.RequestAborted);
        }, "text/csv; charset=utf-8", FileNameFor(range));
    }

    private static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
