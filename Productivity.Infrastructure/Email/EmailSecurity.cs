namespace Productivity.Infrastructure.Email;

/// <summary><c>Email:Security</c>: how the SMTP connection is protected (MailKit's SecureSocketOptions, named for operators).</summary>
public enum EmailSecurity
{
    /// <summary>Upgrade with STARTTLS and refuse a server that does not offer it (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>MailKit decides by port: TLS on 465, STARTTLS when the server offers it, else plain.</summary>
    Auto,
    /// <summary>Plain text: a relay on the same host or network only.</summary>
    None,
}
