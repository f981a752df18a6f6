using Microsoft.AspNetCore.Authorization;
using Productivity.Infrastructure.Security;

namespace Productivity.Web.Security;

/// <summary>
/// An endpoint policy's role, checked against the database at every request (<see cref="AccessCheck"/>), not read from
/// the cookie: for endpoints that are neither pages nor services with their own check (the API documents).
/// </summary>
public sealed class FreshRoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

internal sealed class FreshRoleHandler(AccessCheck access) : AuthorizationHandler<FreshRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, FreshRoleRequirement requirement)
    {
        if (await access.MayAsync(context.User, [.. requirement.Roles]))
        {
            context.Succeed(requirement);
        }
    }
}
