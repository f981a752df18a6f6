using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Productivity.Core.Dashboard;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Security;
using Productivity.Web.Security;

namespace Productivity.Web.Api;

/// <summary>
/// The read API under <c>/api/v1</c>, for other systems (payroll, BI tools, scripts). Bearer tokens only
/// (<see cref="ApiTokenAuthenticationHandler"/>), a scope per endpoint, the caller's role checked against the database
/// by the query behind each endpoint, rate limited per token (<see cref="RateLimits.ApiPolicy"/>). JSON with the CSV
/// exports' field names, ISO dates, key-based cursors, and a problem document for every error.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";
    public const string ApiPolicy = "Api";
    public const string ReadScoresPolicy = "Api:" + ApiScopeNames.ReadScores;
    public const string ReadCostsPolicy = "Api:" + ApiScopeNames.ReadCosts;

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(
            ApiTokenAuthenticationHandler.SchemeName, null);
        // Only the token scheme is consulted for these policies: a sign-in cookie on the request is never read, so a
        // page of another site cannot make a signed-in browser call the API.
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, Policy())
            .AddPolicy(ReadScoresPolicy, Policy(ApiScopeNames.ReadScores))
            .AddPolicy(ReadCostsPolicy, Policy(ApiScopeNames.ReadCosts));
        return services;
    }

    private static AuthorizationPolicy Policy(string? scope = null)
    {
        var policy = new AuthorizationPolicyBuilder(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser();
        if (scope is not null)
        {
            policy.RequireClaim(ApiTokenAuthenticationHandler.ScopeClaim, scope);
        }
        return policy.Build();
    }

    /// <summary>Problem documents instead of the site's HTML status pages for whatever under /api ends without a body.</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }
            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null
                && context.Response.ContentType is null)
            {
                await ApiProblems.WriteAsync(context, context.Response.StatusCode, context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => "There is no such API endpoint.",
                    StatusCodes.Status405MethodNotAllowed => "The read API answers GET only.",
                    _ => "The request could not be served.",
                });
            }
        }));

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiPolicy)
            .RequireRateLimiting(RateLimits.ApiPolicy)
            .AddEndpointFilter(RefuseWithProblemAsync)
            .WithTags("Read API")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/employees", EmployeesAsync).RequireAuthorization(ReadScoresPolicy)
            .WithName("ListEmployees").WithSummary("Employees, by id (scope read:scores; Leads, Managers and Admins).")
            .WithMetadata(new ApiResponseShape("EmployeePage", ApiQueries.EmployeeFields, Paged: true));
        api.MapGet("/scores", ScoresAsync).RequireAuthorization(ReadScoresPolicy)
            .WithName("ListScores")
            .WithSummary("Daily scores of a range of business days, one row per employee per day, as the score export (scope read:scores; Managers and Admins).")
            .WithMetadata(new ApiResponseShape("ScorePage", ApiQueries.ScoreFields, Paged: true));
        api.MapGet("/employees/{employeeId}/days/{day}", EmployeeDayAsync).RequireAuthorization(ReadScoresPolicy)
            .WithName("GetEmployeeDay")
            .WithSummary("One employee's business day: its score row and its idle periods (scope read:scores; Leads, Managers and Admins).")
            .WithMetadata(new ApiResponseShape("EmployeeDay", ApiQueries.ScoreFields, Paged: false, ApiQueries.IdlePeriodFields))
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sync-runs", SyncRunsAsync).RequireAuthorization(ReadScoresPolicy)
            .WithName("ListSyncRuns").WithSummary("Sync runs, newest first (scope read:scores; Admins).")
            .WithMetadata(new ApiResponseShape("SyncRunPage", ApiQueries.SyncRunFields, Paged: true));
        api.MapGet("/costs", CostsAsync).RequireAuthorization(ReadCostsPolicy)
            .WithName("ListCosts")
            .WithSummary("Labour cost of a range of business days, one row per employee per day, as the cost export (scope read:costs; Managers and Admins).")
            .WithMetadata(new ApiResponseShape("CostPage", ApiQueries.CostFields, Paged: true));
        // Anything else under /api/v1 is a problem document, not the site's HTML 404 page.
        api.Map("/{**rest}", () => ApiProblems.Result(StatusCodes.Status404NotFound, "There is no such API endpoint.")).ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> ScoresAsync(ClaimsPrincipal user, ApiQueries queries, string? from, string? to, string? limit, string? cursor,
        CancellationToken cancellationToken) =>
        DaysAsync("scores", from, to, limit, cursor, r => queries.ScoresAsync(user, r.From, r.To, r.After, r.Limit, cancellationToken));

    private static Task<IResult> CostsAsync(ClaimsPrincipal user, ApiQueries queries, string? from, string? to, string? limit, string? cursor,
        CancellationToken cancellationToken) =>
        DaysAsync("costs", from, to, limit, cursor, r => queries.CostsAsync(user, r.From, r.To, r.After, r.Limit, cancellationToken));

    /// <summary>A list of day rows over a range: the request checked, one page read, the next page's cursor.</summary>
    private static async Task<IResult> DaysAsync(string list, string? from, string? to, string? limit, string? cursor,
        Func<DaysRequest, Task<ApiRowPage<DayRowKey>>> read)
    {
        var request = DaysRequest.Read(list, from, to, limit, cursor);
        if (request.Problem is not null)
        {
            return request.Problem;
        }
        var page = await read(request);
        return Page(page.WriteItems, page.Next is { } next ? ApiCursor.ForDays(list, request.From, request.To, next) : null);
    }

    private static async Task<IResult> EmployeesAsync(ClaimsPrincipal user, ApiQueries queries, string? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!TryLimit(limit, ApiQueries.MaxLimit, out var count, out var problem))
        {
            return problem!;
        }
        EmployeeKey? after = null;
        if (cursor is not null && !ApiCursor.TryReadEmployees(cursor, out after, out var cursorProblem))
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, cursorProblem!);
        }
        var page = await queries.EmployeesAsync(user, after?.Id, count, cancellationToken);
        return Page(page.WriteItems, page.Next is { } next ? ApiCursor.ForEmployees(next) : null);
    }

    private static async Task<IResult> SyncRunsAsync(ClaimsPrincipal user, ApiQueries queries, string? job, string? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!TryLimit(limit, ApiQueries.MaxSyncRunLimit, out var count, out var problem))
        {
            return problem!;
        }
        Productivity.Infrastructure.Sync.SyncRunKey? after = null;
        if (cursor is not null && !ApiCursor.TryReadSyncRuns(cursor, job, out after, out var cursorProblem))
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, cursorProblem!);
        }
        var page = await queries.SyncRunsAsync(user, string.IsNullOrEmpty(job) ? null : job, after, count, cancellationToken);
        return Page(page.WriteItems, page.Next is { } next ? ApiCursor.ForSyncRuns(job, next) : null);
    }

    private static async Task<IResult> EmployeeDayAsync(ClaimsPrincipal user, ApiQueries queries, string employeeId, string day,
        CancellationToken cancellationToken)
    {
        if (!int.TryParse(employeeId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ApiProblems.Result(StatusCodes.Status404NotFound, $"There is no employee '{employeeId}': an employee id is a whole number.");
        }
        if (!TryDay(day, out var date))
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, $"'{day}' is not a date written as YYYY-MM-DD.");
        }
        var write = await queries.EmployeeDayAsync(user, id, date, cancellationToken);
        return write is null
            ? ApiProblems.Result(StatusCodes.Status404NotFound, $"Employee {id} has no score on {day} (or there is no such employee).")
            : new JsonBody(write);
    }

    /// <summary>A role the query behind the endpoint refused (checked against the database) is a 403 problem.</summary>
    private static async ValueTask<object?> RefuseWithProblemAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException denied)
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, denied.Reason == AccessDenial.InactiveAccount
                ? "The token's user may no longer act."
                : $"The token's user needs one of the roles {string.Join(", ", denied.Roles)} for this request.");
        }
    }

    private static JsonBody Page(Action<Utf8JsonWriter> writeItems, string? nextCursor) =>
        new(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("items");
            writeItems(writer);
            writer.WriteString("next_cursor", nextCursor);
            writer.WriteEndObject();
        });

    private static bool TryLimit(string? text, int max, out int limit, out IResult? problem)
    {
        problem = null;
        limit = Math.Min(ApiQueries.DefaultLimit, max);
        if (text is null)
        {
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max)
        {
            problem = ApiProblems.Result(StatusCodes.Status400BadRequest, $"'limit' must be a whole number from 1 to {max} (got '{text}').");
            return false;
        }
        return true;
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>A range request's parts, or the problem with them.</summary>
    private sealed record DaysRequest(DateOnly From, DateOnly To, DayRowKey? After, int Limit, IResult? Problem)
    {
        public static DaysRequest Read(string list, string? from, string? to, string? limit, string? cursor)
        {
            if (from is null || to is null)
            {
                return Refused("'from' and 'to' are required: business days written as YYYY-MM-DD.");
            }
            if (!TryDay(from, out var first) || !TryDay(to, out var last))
            {
                return Refused($"'from' and 'to' must be dates written as YYYY-MM-DD (got '{from}' and '{to}').");
            }
            if (new DashboardRange(first, last).Problem() is { } rangeProblem)
            {
                return Refused(rangeProblem);
            }
            if (!TryLimit(limit, ApiQueries.MaxLimit, out var count, out var limitProblem))
            {
                return new DaysRequest(first, last, null, 0, limitProblem);
            }
            DayRowKey? after = null;
            if (cursor is not null && !ApiCursor.TryReadDays(cursor, list, first, last, out after, out var cursorProblem))
            {
                return Refused(cursorProblem!);
            }
            return new DaysRequest(first, last, after, count, null);
        }

        private static DaysRequest Refused(string detail) =>
            new(default, default, null, 0, ApiProblems.Result(StatusCodes.Status400BadRequest, detail));
    }

    /// <summary>Writes a JSON body straight to the response (rows are written from the reader's objects, never re-serialised).</summary>
    private sealed class JsonBody(Action<Utf8JsonWriter> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter))
            {
                write(writer);
            }
            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }
}

/// <summary>What an endpoint's 200 answer holds, for the OpenAPI document: a page of rows, or one object with a list inside.</summary>
public sealed record ApiResponseShape(string Name, IReadOnlyList<ApiField> Fields, bool Paged, IReadOnlyList<ApiField>? IdlePeriods = null);
