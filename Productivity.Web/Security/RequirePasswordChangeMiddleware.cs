using Productivity.Infrastructure.Identity;

namespace Productivity.Web.Security;

/// <summary>Sends a user whose password was generated (first Admin, reset) to the change-password page before anything else.</summary>
internal sealed class RequirePasswordChangeMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(ProductivityClaimsPrincipalFactory.MustChangePasswordClaim, "true")
            && HttpMethods.IsGet(context.Request.Method)
            && !context.Request.Path.StartsWithSegments("/Account")
            && !context.Request.Path.StartsWithSegments("/_framework")
            && !context.Request.Path.StartsWithSegments("/_content")
            && !context.Request.Path.StartsWithSegments("/health")
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
