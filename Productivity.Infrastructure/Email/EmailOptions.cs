namespace Productivity.Infrastructure.Email;

/// <summary>
/// <c>Email:*</c>, the SMTP server the outbox sends through. E-mail is off while <see cref="Host"/> is empty: nothing is
/// queued and the Sync page says so. Validated at start-up either way (<see cref="EmailOptionsValidator"/>).
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;
    /// <summary>SMTP user; no authentication when empty.</summary>
    public string? User { get; set; }
    /// <summary>SMTP password: environment or user-secrets only.</summary>
    public string? Password { get; set; }
    /// <summary>The sender, <c>reports@example.com</c> or <c>Productivity &lt;reports@example.com&gt;</c>; required with a host.</summary>
    public string? From { get; set; }
    /// <summary>Timeout of one SMTP operation (connect, a command, the message), in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// More alert e-mails than this for one recipient from one evaluation, and they get one digest listing them all
    /// instead (record 0033).
    /// </summary>
    public int AlertDigestThreshold { get; set; } = 5;

    /// <summary>The site's address as users reach it (<c>https://productivity.example.com</c>), for the links in alert
    /// e-mails; without it the e-mails name the page without a link.</summary>
    public string? BaseUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
