namespace Productivity.Tests.Infrastructure.Configuration;

/// <summary>
/// Every options type the site binds refuses a bad value at start-up with one message that starts with the key: values
/// that are out of range and values that cannot be converted at all ("abc" for a whole number).
/// </summary>
public sealed class OptionsValidationTests
{
    // PodFactory's options are registered only when its connection string is set.
    private const string PodFactoryConnection = "Server=podfactory.invalid;Database=pod";

    [Fact]
    public void Defaults_AreAccepted() => ConfiguredApp.StartupError(Settings()).ShouldBeNull();

    [Theory]
    // RevalidationOptions
    [InlineData("Security:RevalidationSeconds", "abc", "Security:RevalidationSeconds must be a whole number (got 'abc').")]
    [InlineData("Security:RevalidationSeconds", "0", "Security:RevalidationSeconds must be between 1 and 86400 (got 0).")]
    // SignInLimitOptions
    [InlineData("Security:SignIn:AttemptsPerAccount", "-1", "Security:SignIn:AttemptsPerAccount must be between 1 and 1000000 (got -1).")]
    [InlineData("Security:SignIn:WindowSeconds", "1m", "Security:SignIn:WindowSeconds must be a whole number (got '1m').")]
    // DashboardOptions
    [InlineData("Dashboard:DailyGoal", "0", "Dashboard:DailyGoal must be between 1 and 2147483647 (got 0).")]
    [InlineData("Dashboard:DailyGoal", "3k", "Dashboard:DailyGoal must be a whole number (got '3k').")]
    // ConnecteamOptions: validated with or without an API key
    [InlineData("Connecteam:RequestsPerMinute", "101", "Connecteam:RequestsPerMinute must be between 1 and 100")]
    [InlineData("Connecteam:TimeoutSeconds", "soon", "Connecteam:TimeoutSeconds must be a whole number (got 'soon').")]
    [InlineData("Connecteam:BaseUrl", "ftp://api.connecteam.com", "Connecteam:BaseUrl must be an absolute https URL")]
    [InlineData("Connecteam:ClockIds:0", "main", "Connecteam:ClockIds:0 must be a time clock id, a whole number (got 'main')")]
    // PodFactoryOptions
    [InlineData("PodFactory:CommandTimeoutSeconds", "30s", "PodFactory:CommandTimeoutSeconds must be a whole number (got '30s').")]
    [InlineData("PodFactory:CommandTimeoutSeconds", "0", "PodFactory:CommandTimeoutSeconds must be between 1 and 3600 (got 0).")]
    [InlineData("PodFactory:Table", "report_actions; DROP TABLE x", "PodFactory:Table must be a plain table name")]
    // SeedOptions
    [InlineData("Seed:AdminEmail", "admin", "Seed:AdminEmail must be an e-mail address")]
    // EmailOptions: validated whether or not e-mail is on
    [InlineData("Email:Port", "0", "Email:Port must be between 1 and 65535 (got 0).")]
    [InlineData("Email:Port", "smtp", "Email:Port must be a whole number (got 'smtp').")]
    [InlineData("Email:Security", "Tls", "Email:Security must be one of StartTls, SslOnConnect, Auto, None (got 'Tls').")]
    [InlineData("Email:TimeoutSeconds", "0", "Email:TimeoutSeconds must be between 1 and 300 (got 0).")]
    [InlineData("Email:From", "reports", "Email:From must be an e-mail address such as reports@example.com")]
    [InlineData("Email:Host", "smtp.example.com", "Email:From is required when Email:Host is set")]
    [InlineData("Email:Host", "smtp://smtp.example.com", "Email:Host must be a host name or an IP address without scheme or port (got 'smtp://smtp.example.com').")]
    [InlineData("Email:Password", "secret", "Email:Password is set without Email:User.")]
    [InlineData("Email:SummaryTime", "6am", "Email:SummaryTime must be a site-local time of day such as 06:00 (got '6am').")]
    [InlineData("Email:SummaryTime", "24:00", "Email:SummaryTime must be a site-local time of day such as 06:00 (got '24:00').")]
    [InlineData("Email:SendIntervalSeconds", "0", "Email:SendIntervalSeconds must be a whole number between 1 and 3600 (got '0').")]
    [InlineData("Email:AlertDigestThreshold", "0", "Email:AlertDigestThreshold must be between 1 and 1000 (got 0).")]
    [InlineData("Email:BaseUrl", "productivity.example.com", "Email:BaseUrl must be an absolute http or https address without query")]
    [InlineData("Email:BaseUrl", "ftp://productivity.example.com", "Email:BaseUrl must be an absolute http or https address without query")]
    // Read while services are registered (StartupSettings, JobIntervals, ForwardedHeadersSettings, KeyRingProtection)
    [InlineData("Jobs:Enabled", "yes", "Jobs:Enabled must be true or false (got 'yes').")]
    [InlineData("Jobs:ShiftSyncMinutes", "five", "Jobs:ShiftSyncMinutes must be a positive number of minutes, at least 1 second (got 'five').")]
    [InlineData("Jobs:PodFactorySyncSeconds", "0", "Jobs:PodFactorySyncSeconds must be a positive whole number (got '0').")]
    [InlineData("Database:MigrateOnStartup", "sometimes", "Database:MigrateOnStartup must be true or false")]
    [InlineData("Site:Currency", "XYZ", "Site:Currency 'XYZ' is not an ISO 4217 currency code")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR notation")]
    [InlineData("DataProtection:CertificatePath", "/nonexistent/keys.pfx", "DataProtection:CertificatePath '/nonexistent/keys.pfx' does not exist.")]
    [InlineData("DataProtection:CertificatePassword", "secret", "DataProtection:CertificatePassword is set but DataProtection:CertificatePath is not.")]
    public void BadValue_StopsStartUpNamingTheKey(string key, string value, string expected)
    {
        var message = ConfiguredApp.StartupError(Settings((key, value)));

        message.ShouldNotBeNull($"{key}={value} was accepted");
        message.ShouldStartWith(expected);
    }

    [Fact]
    public void EmailOn_WithHostAndSender_IsAccepted() =>
        ConfiguredApp.StartupError(Settings(("Email:Host", "smtp.example.com"), ("Email:From", "Productivity <reports@example.com>"),
            ("Email:Security", "SslOnConnect"), ("Email:Port", "465"), ("Email:User", "reports"), ("Email:Password", "secret"),
            ("Email:SummaryTime", "5:30"), ("Email:AlertDigestThreshold", "10"),
            ("Email:BaseUrl", "https://productivity.example.com/"))).ShouldBeNull();

    [Fact]
    public void SeveralBadValues_AreReportedTogether()
    {
        var message = ConfiguredApp.StartupError(Settings(("Dashboard:DailyGoal", "0"), ("Security:RevalidationSeconds", "0")));

        message.ShouldNotBeNull();
        message.ShouldContain("Dashboard:DailyGoal");
        message.ShouldContain("Security:RevalidationSeconds");
    }

    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] values)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:PodFactory"] = PodFactoryConnection };
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }
        return settings;
    }
}
