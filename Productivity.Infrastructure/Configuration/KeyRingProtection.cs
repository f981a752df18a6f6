using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Productivity.Infrastructure.Configuration;

/// <summary>
/// <c>DataProtection:CertificatePath</c> (a PKCS#12 .pfx file, relative to the content root) and
/// <c>DataProtection:CertificatePassword</c> (environment or user-secrets only): when a path is set, every key of the
/// data-protection key ring (cookies, anti-forgery tokens) is encrypted with the certificate before it is stored in
/// the data folder or in Redis.
/// </summary>
public sealed class KeyRingProtectionOptions
{
    public const string SectionName = "DataProtection";
    public const string CertificatePathKey = $"{SectionName}:{nameof(CertificatePath)}";
    public const string CertificatePasswordKey = $"{SectionName}:{nameof(CertificatePassword)}";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// Loads the certificate eagerly, like <see cref="StartupSettings"/> (docs/decisions/0007): whether and how the key ring
/// is protected is decided while services are registered, so a missing file or a wrong password stops start-up with
/// the key's name instead of surfacing at the first sign-in. Not a DataAnnotations rule: opening the file is the check.
/// </summary>
public static class KeyRingProtection
{
    /// <summary>The certificate with its private key, or null when <c>DataProtection:CertificatePath</c> is empty.</summary>
    public static X509Certificate2? LoadCertificate(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(KeyRingProtectionOptions.SectionName).Get<KeyRingProtectionOptions>()
            ?? new KeyRingProtectionOptions();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return string.IsNullOrEmpty(options.CertificatePassword)
                ? null
                : throw new ConfigurationException(
                    $"{KeyRingProtectionOptions.CertificatePasswordKey} is set but {KeyRingProtectionOptions.CertificatePathKey} is not.");
        }

        var path = Path.GetFullPath(options.CertificatePath, contentRoot);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{KeyRingProtectionOptions.CertificatePathKey} '{path}' does not exist.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            // A wrong password and a file that is no .pfx look alike here; the message names both keys and never the password.
            throw new ConfigurationException(
                $"{KeyRingProtectionOptions.CertificatePathKey} '{path}' cannot be opened as a PKCS#12 (.pfx) certificate with " +
                $"{KeyRingProtectionOptions.CertificatePasswordKey} (wrong password or not a .pfx file): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{KeyRingProtectionOptions.CertificatePathKey} '{path}' cannot be read: {ex.Message}", ex);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            // The key ring is encrypted to the certificate's RSA key and decrypted with its private half.
            throw new ConfigurationException(
                $"{KeyRingProtectionOptions.CertificatePathKey} '{path}' must hold an RSA certificate with its private key.");
        }
        return certificate;
    }
}
