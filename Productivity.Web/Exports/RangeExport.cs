using System.Globalization;
using Productivity.Core.Dashboard;
using Productivity.Core.Security;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;

namespace Productivity.Web.Exports;

/// <summary>
/// A range export served at <c>GET /exports/{name}.csv|xlsx?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c>: the scores and the
/// labour cost. Each is for Managers and Admins, checked against the database (not only the cookie) before a byte is
/// written, and streamed to the response as its rows are read.
/// </summary>
public sealed class RangeExport
{
    public static readonly RangeExport Scores = new("scores", "scores",
        (services, format, range, stream, ct) => services.GetRequiredService<ScoreExport>().WriteAsync(format, range.From, range.To, stream, cancellationToken: ct));

    public static readonly RangeExport Costs = new("costs", "labour-cost",
        (services, format, range, stream, ct) => services.GetRequiredService<CostExport>().WriteAsync(format, range.From, range.To, stream, ct));

    private readonly string _name;
    private readonly string _fileStem;
    private readonly Func<IServiceProvider, ExportFormat, DashboardRange, Stream, CancellationToken, Task<int>> _write;

    private RangeExport(string name, string fileStem, Func<IServiceProvider, ExportFormat, DashboardRange, Stream, CancellationToken, Task<int>> write) =>
        (_name, _fileStem, _write) = (name, fileStem, write);

    /// <summary>The export called <paramref name="name"/> ("scores", "costs"), as the command line names it; null for any other.</summary>
    public static RangeExport? Named(string name) =>
        new[] { Scores, Costs }.FirstOrDefault(e => string.Equals(e._name, name, StringComparison.OrdinalIgnoreCase));

    public string Name => _name;

    /// <summary>Writes the range's rows; returns how many.</summary>
    public Task<int> WriteAsync(IServiceProvider services, ExportFormat format, DashboardRange range, Stream output, CancellationToken cancellationToken) =>
        _write(services, format, range, output, cancellationToken);

    public string PathOf(ExportFormat format) => $"/exports/{_name}.{format.Extension()}";

    public string UrlFor(DashboardRange range, ExportFormat format) => $"{PathOf(format)}?from={Iso(range.From)}&to={Iso(range.To)}";

    public string FileNameFor(DashboardRange range, ExportFormat format) => $"{_fileStem}-{Iso(range.From)}-{Iso(range.To)}.{format.Extension()}";

    /// <summary>Maps both formats of both exports.</summary>
    public static IEndpointRouteBuilder MapRangeExports(IEndpointRouteBuilder endpoints)
    {
        foreach (var export in new[] { Scores, Costs })
        {
            foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Xlsx })
            {
                // Signed-in callers only (anonymous ones are sent to the login page); the role is checked in the handler
                // so that a Lead gets a plain 403 rather than the cookie handler's redirect to the access-denied page.
                endpoints.MapGet(export.PathOf(format), (HttpContext context, AccessCheck access, string? from, string? to) =>
                    export.ExportAsync(format, context, access, from, to)).RequireAuthorization();
            }
        }
        return endpoints;
    }

    private async Task<IResult> ExportAsync(ExportFormat format, HttpContext context, AccessCheck access, string? from, string? to)
    {
        if (!await access.MayAsync(context.User, Roles.Admin, Roles.Manager))
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
        return Results.Stream(stream => WriteAsync(context.RequestServices, format, range, stream, context.RequestAborted),
            format.ContentType(), FileNameFor(range, format));
    }

    private static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
