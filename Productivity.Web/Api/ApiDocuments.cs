using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Productivity.Core.Security;
using Productivity.Infrastructure.Api;
using Productivity.Web.Security;
using Scalar.AspNetCore;

namespace Productivity.Web.Api;

/// <summary>
/// The read API's OpenAPI document (<c>/openapi/v1.json</c>, Microsoft.AspNetCore.OpenApi) and its reference page
/// (<c>/api/reference</c>, Scalar), for signed-in Admins only: the sign-in cookie, and the role checked against the
/// database on every request (<see cref="FreshRoleRequirement"/>). The document lists the /api/v1 endpoints only, with
/// each answer's fields taken from the same tables that write the rows.
/// </summary>
public static class ApiDocuments
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/reference";
    public const string DocsPolicy = "ApiDocs";
    private const string BearerScheme = "bearer";

    public static IServiceCollection AddApiDocuments(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Productivity read API",
                    Version = "v1",
                    Description = "Read-only access for other systems. Authenticate with a personal access token from Admin → API tokens: " +
                        "'Authorization: Bearer pat_…'. Field names are the CSV exports' headers; dates are ISO (business days " +
                        "yyyy-MM-dd in the site's time zone, instants UTC). Lists are paged: pass 'next_cursor' back as 'cursor' " +
                        "until it is null. Errors are problem documents (RFC 9457); 429 carries Retry-After.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token (pat_…), scopes read:scores and/or read:costs.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var shape = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiResponseShape>().LastOrDefault();
                if (shape is not null)
                {
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses["200"] = new OpenApiResponse
                    {
                        Description = shape.Paged ? "A page of rows and the cursor of the next page (null on the last)." : "The day.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = shape.Paged ? PageSchema(shape.Fields) : DaySchema(shape) },
                        },
                    };
                }
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                ];
                return Task.CompletedTask;
            });
        });
        services.AddSingleton<IAuthorizationHandler, FreshRoleHandler>();
        services.AddAuthorizationBuilder().AddPolicy(DocsPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new FreshRoleRequirement(Roles.Admin)));
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(DocsPolicy);
        endpoints.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Productivity read API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(DocumentName))
            .RequireAuthorization(DocsPolicy)
            .HashInlineScripts();
        return endpoints;
    }

    private static OpenApiSchema PageSchema(IReadOnlyList<ApiField> fields) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "items", "next_cursor" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = RowSchema(fields) },
            ["next_cursor"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
        },
    };

    private static OpenApiSchema DaySchema(ApiResponseShape shape) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "score", "stored", "stale", "idle_periods" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["score"] = RowSchema(shape.Fields),
            ["stored"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "The score row is stored (else recomputed now, not yet stored)." },
            ["stale"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "The inputs changed since the row was stored." },
            ["idle_periods"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = RowSchema(shape.IdlePeriods ?? []) },
        },
    };

    private static OpenApiSchema RowSchema(IReadOnlyList<ApiField> fields) => new()
    {
        Type = JsonSchemaType.Object,
        Required = fields.Select(f => f.Name).ToHashSet(),
        Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)new OpenApiSchema
        {
            Type = (f.Type switch
            {
                ApiFieldType.Integer => JsonSchemaType.Integer,
                ApiFieldType.Number => JsonSchemaType.Number,
                ApiFieldType.Boolean => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            }) | (f.Nullable ? JsonSchemaType.Null : 0),
            Format = f.Type switch
            {
                ApiFieldType.Date => "date",
                ApiFieldType.Instant => "date-time",
                ApiFieldType.Integer => "int64",
                _ => null,
            },
        }),
    };
}
