using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Identity;

/// <summary>
/// Refuses disabled users at sign-in and at every cookie revalidation, and answers a sign-in for an e-mail that has no
/// account exactly as for one that has: the same password hash is computed and failures lock it out the same way, so
/// neither the time taken nor the lockout page tells an attacker which e-mails have accounts.
/// </summary>
public sealed class ProductivitySignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    UnknownAccountLockout unknownAccounts)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // A hash made once per process with the configured hasher, so verifying against it costs what a real check costs.
    private static string? s_dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || !await CanSignInAsync(user) || await IsLockedOut(user))
        {
            // These refusals never reach Identity's password check; spend the same hash so their timing says nothing.
            VerifyDummyPassword(password);
            if (user is null)
            {
                return await unknownAccounts.RecordFailureAsync(userName) ? SignInResult.LockedOut : SignInResult.Failed;
            }
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }

    private void VerifyDummyPassword(string password)
    {
        var hasher = UserManager.PasswordHasher;
        var dummy = new ApplicationUser();
        s_dummyHash ??= hasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(dummy, s_dummyHash, password);
    }
}
