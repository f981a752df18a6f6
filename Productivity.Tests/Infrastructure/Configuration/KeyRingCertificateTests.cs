using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Configuration;
using Productivity.Tests.TestSupport;
using StackExchange.Redis;

namespace Productivity.Tests.Infrastructure.Configuration;

/// <summary>
/// DataProtection:CertificatePath: the key ring is stored encrypted with the certificate, in the data folder and in
/// Redis, and what one host protected another host with the same certificate reads back.
/// </summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private const string Password = "pfx-Passw0rd";
    private const string Payload = "a signed-in user's cookie";
    private const string RedisKeyRing = "productivity:data-protection-keys";
    // A Redis database of its own: the key ring's Redis key is the same for every site.
    private const int RedisDatabase = 11;

    private readonly TempFolder _folder = new();
    private readonly string _certificatePath;

    public KeyRingCertificateTests()
    {
        _certificatePath = Path.Combine(_folder.Path, "keyring.pfx");
        File.WriteAllBytes(_certificatePath, Pfx.Value);
    }

    // One self-signed certificate for the class: generating an RSA key costs up to seconds on a busy machine.
    private static readonly Lazy<byte[]> Pfx = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Productivity key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, Password);
    });

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FileSystemKeyRing_IsEncryptedWithTheCertificate_AndReadByTheNextStart()
    {
        var data = Path.Combine(_folder.Path, "data");
        string protectedPayload;
        await using (var first = await StartAsync(data))
        {
            protectedPayload = Protector(first).Protect(Payload);
        }

        var keyFiles = Directory.GetFiles(Path.Combine(data, "keys"), "*.xml");
        keyFiles.ShouldNotBeEmpty();
        foreach (var file in keyFiles)
        {
            ShouldBeEncrypted(XDocument.Load(file));
        }

        await using var second = await StartAsync(data);
        Protector(second).Unprotect(protectedPayload).ShouldBe(Payload);
    }

    [Fact]
    public async Task RedisKeyRing_IsEncryptedWithTheCertificate_AndSharedByAnotherNode()
    {
        var redis = $"{TestEnvironment.Redis},defaultDatabase={RedisDatabase}";
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var database = connection.GetDatabase(RedisDatabase);
        await database.KeyDeleteAsync(RedisKeyRing);
        try
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis };
            await using var nodeA = await StartAsync(Path.Combine(_folder.Path, "a"), settings);
            await using var nodeB = await StartAsync(Path.Combine(_folder.Path, "b"), settings);

            var protectedPayload = Protector(nodeA).Protect(Payload);

            var stored = await database.ListRangeAsync(RedisKeyRing);
            stored.ShouldNotBeEmpty();
            foreach (var key in stored)
            {
                ShouldBeEncrypted(XDocument.Parse(key!));
            }
            Protector(nodeB).Unprotect(protectedPayload).ShouldBe(Payload);
        }
        finally
        {
            await database.KeyDeleteAsync(RedisKeyRing);
        }
    }

    [Fact]
    public void WrongPassword_NamesBothKeys()
    {
        var error = Should.Throw<ConfigurationException>(() => KeyRingProtection.LoadCertificate(Config(_certificatePath, "Not-The-Password-42"), _folder.Path));

        error.Message.ShouldStartWith($"DataProtection:CertificatePath '{_certificatePath}' cannot be opened");
        error.Message.ShouldContain("DataProtection:CertificatePassword");
        error.Message.ShouldNotContain("Not-The-Password-42");
    }

    [Fact]
    public void CertificateWithoutPrivateKey_IsRefused()
    {
        var publicOnly = Path.Combine(_folder.Path, "public.pfx");
        using (var full = X509CertificateLoader.LoadPkcs12FromFile(_certificatePath, Password))
        using (var certificateOnly = X509CertificateLoader.LoadCertificate(full.Export(X509ContentType.Cert)))
        {
            File.WriteAllBytes(publicOnly, certificateOnly.Export(X509ContentType.Pfx, Password));
        }

        var error = Should.Throw<ConfigurationException>(() => KeyRingProtection.LoadCertificate(Config(publicOnly, Password), _folder.Path));

        error.Message.ShouldContain("DataProtection:CertificatePath");
        error.Message.ShouldContain("private key");
    }

    [Fact]
    public void RelativePath_IsReadFromTheContentRoot()
    {
        using var certificate = KeyRingProtection.LoadCertificate(Config("keyring.pfx", Password), _folder.Path);

        certificate.ShouldNotBeNull().HasPrivateKey.ShouldBeTrue();
    }

    private static void ShouldBeEncrypted(XDocument key)
    {
        // Stored encrypted: an EncryptedData element (XML encryption) in place of the plain masterKey and its value.
        key.Descendants().Where(e => e.Name.LocalName == "EncryptedData").ShouldNotBeEmpty();
        key.Descendants().Where(e => e.Name.LocalName == "masterKey").ShouldBeEmpty();
        key.ToString().ShouldNotContain("unencrypted", Case.Insensitive);
    }

    private static IDataProtector Protector(TestHost host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-ring-certificate-test");

    private Task<TestHost> StartAsync(string dataFolder, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Data:Folder"] = dataFolder,
            ["DataProtection:CertificatePath"] = _certificatePath,
            ["DataProtection:CertificatePassword"] = Password,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return TestHost.StartAsync("Sqlite", settings);
    }

    private static IConfiguration Config(string path, string password) => new ConfigurationBuilder()
        .AddInMemoryCollection([new("DataProtection:CertificatePath", path), new("DataProtection:CertificatePassword", password)])
        .Build();
}
