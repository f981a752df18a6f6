using System.Security.Claims;
using Productivity.Core.Security;

namespace Productivity.Infrastructure.Employees;

/// <summary>Employees and employee days are for Leads, Managers and Admins; the services check it again behind the pages.</summary>
internal static class ViewerAccess
{
    public static void RequireViewer(ClaimsPrincipal viewer)
    {
        if (viewer.Identity?.IsAuthenticated != true || !Roles.All.Any(viewer.IsInRole))
        {
            throw new UnauthorizedAccessException("Only a Lead, Manager or Admin may see employees.");
        }
    }
}
