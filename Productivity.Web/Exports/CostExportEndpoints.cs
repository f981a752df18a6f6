using System.Globalization;
using System.Security.Claims;
using Productivity.Core.Dashboard;
using Productivity.Core.Security;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Security;

namespace Productivity.Web.Exports;

/// <summary>
/// <c>GET /exports/costs.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> and <c>/exports/costs.xlsx?…</c>: the labour-cost
/// export of a range. Money is for Managers and Admins, checked against the database (not only the cookie) before a
/// byte is written.
/// </summary>
public static class CostExportEndpoints
{
    public const string CsvPath = "/exports/costs.csv";
    public const string XlsxPath = "/exports/costs.xlsx";

    public static IEndpointRouteBuilder MapCostExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CsvPath, (HttpContext context, CostExport export, AccessCheck access, string? from, string? to) =>
            ExportAsync(ExportFormat.Csv, context, export, access, from, to)).RequireAuthorization();
        endpoints.MapGet(XlsxPath, (HttpContext context, CostExport export, AccessCheck access, string? from, string? to) =>
            ExportAsync(ExportFormat.Xlsx, context, export, access, from, to)).RequireAuthorization();
        return endpoints;
    }

    public static string UrlFor(DashboardRange range, ExportFormat format) =>
        $"{(format == ExportFormat.Xlsx ? XlsxPath : CsvPath)}?from={Iso(range.From)}&to={Iso(range.To)}";

    public static string FileNameFor(DashboardRange range, ExportFormat format) =>
        $"labour-cost-{Iso(range.From)}-{Iso(range.To)}.{format.Extension()}";

    private static async Task<IResult> ExportAsync(ExportFormat format, HttpContext context, CostExport export, AccessCheck access,
        string? from, string? to)
    {
        if (!await MaySeeMoneyAsync(access, context.User))
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
        return Results.Stream(stream => export.WriteAsync(format, range.From, range.To, stream, context.RequestAborted),
            format.ContentType(), FileNameFor(range, format));
    }

    private static async Task<bool> MaySeeMoneyAsync(AccessCheck access, ClaimsPrincipal user)
    {
        try
        {
            await access.RequireAsync(user, Roles.Admin, Roles.Manager);
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    private static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
