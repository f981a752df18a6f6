using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Productivity.Infrastructure.Email;

/// <summary>
/// Hand-written: the rules depend on each other (a sender only with a host, a password only with a user). Checked
/// whether or not e-mail is on, so a bad value is refused before someone sets the host. Secrets are never echoed.
/// </summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        const string s = EmailOptions.SectionName;
        var failures = new List<string>();
        if (options.Host is { } host && host.Length > 0 && (host.Trim() != host || Uri.CheckHostName(host) == UriHostNameType.Unknown))
        {
            failures.Add($"{s}:Host must be a host name or an IP address without scheme or port (got '{host}').");
        }
        if (options.Port is < 1 or > 65535)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:Port must be between 1 and 65535 (got {options.Port})."));
        }
        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:TimeoutSeconds must be between 1 and 300 (got {options.TimeoutSeconds})."));
        }
        if (!string.IsNullOrEmpty(options.From) && !IsMailbox(options.From))
        {
            failures.Add($"{s}:From must be an e-mail address such as reports@example.com or 'Productivity <reports@example.com>' (got '{options.From}').");
        }
        else if (options.Enabled && string.IsNullOrEmpty(options.From))
        {
            failures.Add($"{s}:From is required when {s}:Host is set (the sender of every e-mail).");
        }
        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.User))
        {
            failures.Add($"{s}:Password is set without {s}:User.");
        }
        if (options.AlertDigestThreshold is < 1 or > 1000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:AlertDigestThreshold must be between 1 and 1000 (got {options.AlertDigestThreshold})."));
        }
        if (!string.IsNullOrEmpty(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment)))
        {
            failures.Add($"{s}:BaseUrl must be an absolute http or https address without query, such as https://productivity.example.com (got '{options.BaseUrl}').");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsMailbox(string text) =>
        MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox)
        && mailbox.Address.Contains('@', StringComparison.Ordinal) && !mailbox.Address.StartsWith('@') && !mailbox.Address.EndsWith('@');
}
