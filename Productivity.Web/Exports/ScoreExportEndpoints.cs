using System.Globalization;
using Productivity.Core.Dashboard;
using Productivity.Core.Security;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Web.Exports;

/// <summary>
/// <c>GET /exports/scores.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> and <c>/exports/scores.xlsx?…</c>: the score export
/// of a range, for Managers and Admins, streamed to the response as the rows are read.
/// </summary>
public static class ScoreExportEndpoints
{
    public const string Path = "/exports/scores.csv";
    public const string XlsxPath = "/exports/scores.xlsx";

    public static IEndpointRouteBuilder MapScoreExports(this IEndpointRouteBuilder endpoints)
    {
        // Signed-in callers only (anonymous ones are sent to the login page); the role is checked in the handler so
        // that a Lead gets a plain 403 rather than the cookie handler's redirect to the access-denied page.
        endpoints.MapGet(Path, (HttpContext context, ScoreExport export, string? from, string? to) =>
            Export(ExportFormat.Csv, context, export, from, to)).RequireAuthorization();
        endpoints.MapGet(XlsxPath, (HttpContext context, ScoreExport export, string? from, string? to) =>
            Export(ExportFormat.Xlsx, context, export, from, to)).RequireAuthorization();
        return endpoints;
    }

    public static string UrlFor(DashboardRange range, ExportFormat format = ExportFormat.Csv) =>
        $"{PathOf(format)}?from={Iso(range.From)}&to={Iso(range.To)}";

    public static string FileNameFor(DashboardRange range, ExportFormat format = ExportFormat.Csv) =>
        $"scores-{Iso(range.From)}-{Iso(range.To)}.{format.Extension()}";

    private static string PathOf(ExportFormat format) => format == ExportFormat.Xlsx ? XlsxPath : Path;

    private static IResult Export(ExportFormat format, HttpContext context, ScoreExport export, string? from, string? to)
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
        return Results.Stream(stream => export.WriteAsync(format, range.From, range.To, stream, cancellationToken: context.RequestAborted),
            format.ContentType(), FileNameFor(range, format));
    }

    private static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
