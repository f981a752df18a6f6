using System.Text.RegularExpressions;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Browser;

/// <summary>Bad configuration stops the real app at start-up with one line on stderr that names what to fix.</summary>
public sealed partial class StartupFailureTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-startup-");

    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Database__Provider", "MySql", "ConnectionStrings:Productivity")]
    [InlineData("Site__TimeZone", "Mars/Olympus", "Site:TimeZone")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "proxy.internal", "ForwardedHeaders:KnownProxies")]
    [InlineData("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks")]
    // A value the binder cannot convert (ValidateOnStart), a rule of a generated validator, and the key-ring certificate;
    // every other options type is covered in-process by OptionsValidationTests.
    [InlineData("Security__RevalidationSeconds", "abc", "Security:RevalidationSeconds")]
    [InlineData("Security__SignIn__WindowSeconds", "0", "Security:SignIn:WindowSeconds")]
    [InlineData("DataProtection__CertificatePath", "/nonexistent/keys.pfx", "DataProtection:CertificatePath")]
    public async Task Start_BadSetting_ExitsWithOneLineNamingTheKey(string variable, string value, string expectedKey)
    {
        var (exitCode, _, stderr) = await AppProcess.RunToExitAsync(Configuration((variable, value)), RunTimeout);

        exitCode.ShouldNotBe(0);
        Lines(stderr).ShouldHaveSingleItem().ShouldContain(expectedKey);
    }

    [Fact]
    public async Task Start_UnreachableMySql_ExitsWithOneLineNamingTheDatabaseAndNoStackTrace()
    {
        var (exitCode, stdout, stderr) = await AppProcess.RunToExitAsync(Configuration(
            ("Database__Provider", "MySql"),
            ("Database__ServerVersion", "10.11-mariadb"),
            ("ConnectionStrings__Productivity", "Server=127.0.0.1;Port=1;User ID=x;Password=y;Database=z;Connection Timeout=3")),
            RunTimeout);

        exitCode.ShouldNotBe(0);
        var line = Lines(stderr).ShouldHaveSingleItem();
        line.ShouldContain("database", Case.Insensitive);
        line.ShouldContain("ConnectionStrings:Productivity");
        Lines(stdout + "\n" + stderr).Where(l => StackFrame().IsMatch(l)).ShouldBeEmpty();
    }

    public void Dispose() => _dataFolder.Delete(recursive: true);

    private Dictionary<string, string> Configuration(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string>
        {
            ["Data__Folder"] = _dataFolder.FullName,
            ["Jobs__Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        return configuration;
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^\s*at \S+\.\S+\(")]
    private static partial Regex StackFrame();
}
