using Microsoft.AspNetCore.Identity;

namespace Productivity.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>A disabled user cannot sign in, and their cookies and circuits stop at the next revalidation.</summary>
    public bool IsDisabled { get; set; }
    /// <summary>Set for generated passwords: the user must choose their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public bool? PrefersDarkMode { get; set; }
    public DateTime CreatedUtc { get; set; }
}
