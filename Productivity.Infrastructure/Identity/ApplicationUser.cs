using Microsoft.AspNetCore.Identity;

namespace Productivity.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>
    /// An Admin's lock is a lockout without an end. Failed passwords lock an account for minutes only; that lockout
    /// refuses signing in but never ends a session or an Admin's access, or anyone could lock an Admin out by guessing.
    /// </summary>
    public static readonly DateTimeOffset AdminLockEnd = DateTimeOffset.MaxValue;

    public string? DisplayName { get; set; }
    /// <summary>A disabled user cannot sign in, and their cookies, circuits and hub connections stop at their next action.</summary>
    public bool IsDisabled { get; set; }
    /// <summary>Set for generated passwords: the user must choose their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public bool? PrefersDarkMode { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Whether a stored lockout end is an Admin's lock (the year survives every provider's rounding of the maximum).</summary>
    public static bool IsAdminLock(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year == AdminLockEnd.Year;

    /// <summary>Whether the user may act at all (their roles aside): enabled and not locked by an Admin.</summary>
    public static bool MayAct(bool isDisabled, DateTimeOffset? lockoutEnd) => !isDisabled && !IsAdminLock(lockoutEnd);
}
