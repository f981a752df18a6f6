using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Identity;

/// <summary>
/// Failed sign-ins for e-mails that have no account, counted like Identity counts a real account's (the same number
/// of failures, the same lockout time) in the shared cache, so the lockout page appears for unknown e-mails too.
/// </summary>
public sealed class UnknownAccountLockout(IDistributedCache cache, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    /// <summary>Counts one failure; true when the e-mail is (now) locked out.</summary>
    public async Task<bool> RecordFailureAsync(string userName)
    {
        var lockout = options.Value.Lockout;
        var key = Key(userName);
        var now = timeProvider.GetUtcNow();
        var (failures, lockedUntil) = Parse(await cache.GetStringAsync(key));
        if (lockedUntil > now)
        {
            return true;
        }
        failures++;
        if (failures >= lockout.MaxFailedAccessAttempts)
        {
            (failures, lockedUntil) = (0, now + lockout.DefaultLockoutTimeSpan);
        }
        await cache.SetStringAsync(key, string.Create(CultureInfo.InvariantCulture, $"{failures}|{lockedUntil.UtcTicks}"),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) });
        return lockedUntil > now;
    }

    // The e-mail is hashed: the cache never holds what people typed into the sign-in form.
    private static string Key(string userName) =>
        "sign-in-unknown:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userName.Trim().ToUpperInvariant())));

    private static (int Failures, DateTimeOffset LockedUntil) Parse(string? value)
    {
        var parts = value?.Split('|');
        return parts is [var failures, var ticks]
            && int.TryParse(failures, CultureInfo.InvariantCulture, out var f)
            && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t)
            ? (f, new DateTimeOffset(t, TimeSpan.Zero))
            : (0, DateTimeOffset.MinValue);
    }
}
