using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// <c>Connecteam:ClockIds</c> as written: the configuration binder silently drops an array entry it cannot convert
/// ("main" for a clock id), so the bound options cannot tell; the raw entries can. Hand-written for that reason.
/// </summary>
internal sealed class ConnecteamClockIdsValidator(IConfiguration configuration) : IValidateOptions<ConnecteamOptions>
{
    private const string Key = $"{ConnecteamOptions.SectionName}:{nameof(ConnecteamOptions.ClockIds)}";

    public ValidateOptionsResult Validate(string? name, ConnecteamOptions options)
    {
        var failures = configuration.GetSection(Key).GetChildren()
            .Where(entry => !long.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(entry => $"{entry.Path} must be a time clock id, a whole number (got '{entry.Value}')")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
