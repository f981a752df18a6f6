using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// Hand-written rather than DataAnnotations: the base URL's rule (https, or http on a loopback host only, and the host
/// alone) is no attribute, and the messages for the API key and webhook token must never echo the secret; the numeric
/// rules stay here so that every Connecteam message says what was given.
/// </summary>
internal sealed class ConnecteamOptionsValidator : IValidateOptions<ConnecteamOptions>
{
    private const string Section = ConnecteamOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConnecteamOptions options)
    {
        var failures = new List<string>();

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            failures.Add($"{Section}:BaseUrl must be an absolute https URL (got '{options.BaseUrl}')");
        }
        else if (baseUrl.AbsolutePath != "/" || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            failures.Add($"{Section}:BaseUrl must be the API host only, e.g. https://api.connecteam.com; the versioned paths are in code (got '{options.BaseUrl}')");
        }

        if (options.ApiKey is { } key && key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            // The key itself is never echoed.
            failures.Add($"{Section}:ApiKey must not contain spaces, line breaks or control characters");
        }

        if (!string.IsNullOrEmpty(options.WebhookToken)
            && (options.WebhookToken.Length < ConnecteamOptions.MinWebhookTokenLength || !options.WebhookToken.All(IsUrlSafe)))
        {
            // Neither the token nor its length is echoed.
            failures.Add($"{Section}:WebhookToken must be at least {ConnecteamOptions.MinWebhookTokenLength} characters of A-Z, a-z, 0-9, '-' or '_' (e.g. `openssl rand -hex 32`)");
        }

        if (options.RequestsPerMinute is < 1 or > 100)
        {
            failures.Add($"{Section}:RequestsPerMinute must be between 1 and 100; Connecteam allows 100 per minute (got {options.RequestsPerMinute})");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{Section}:TimeoutSeconds must be between 1 and 300 (got {options.TimeoutSeconds})");
        }

        if (options.ClockIds is { } clockIds && clockIds.Any(id => id <= 0))
        {
            failures.Add($"{Section}:ClockIds must hold positive time clock ids (got {string.Join(", ", clockIds)})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
