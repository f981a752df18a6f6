using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Productivity.Infrastructure.Identity;

namespace Productivity.Web.Security;

/// <summary>
/// A user whose password was generated (first Admin, reset) may do nothing but choose their own: page loads go to the
/// change-password page, every other endpoint (exports, the hub, circuits) answers 403. The account pages, health checks
/// and anonymous endpoints (static assets) stay reachable.
/// </summary>
internal sealed class RequirePasswordChangeMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(ProductivityClaimsPrincipalFactory.MustChangePasswordClaim, "true")
            || context.Request.Path.StartsWithSegments("/Account")
            || context.Request.Path.StartsWithSegments("/health")
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }
        if (HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(ChangePasswordPath);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Task.CompletedTask;
    }
}
