using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Productivity.Infrastructure;
using Productivity.Tests.TestSupport;
using Productivity.Web;

namespace Productivity.Tests.Infrastructure.Configuration;

/// <summary>
/// appsettings.example.json against what the site reads, both ways. What the site reads is not a list kept here: the
/// site is composed (AddInfrastructure, AddWeb) over a configuration source that records every key asked of it, then
/// every options type of ours that has a registration is bound. A new options class, a new property or a new eager
/// read (<c>configuration["X:Y"]</c> while services are registered) shows up without touching this test.
/// </summary>
public sealed partial class ExampleConfigurationTests
{
    // Over the example: SQLite in a temp folder (ConfiguredApp), no Redis, and no certificate file to open. The example
    // sets the other parts (Connecteam, PodFactory), so their options are registered too.
    private static readonly Dictionary<string, string?> ExampleOverrides = new()
    {
        ["ConnectionStrings:Redis"] = "",
        ["DataProtection:CertificatePath"] = "",
        ["DataProtection:CertificatePassword"] = "",
    };

    [Fact]
    public void EveryKeyTheSiteReads_IsInTheExample()
    {
        var missing = KeysTheSiteReads().Except(ExampleKeys(), StringComparer.OrdinalIgnoreCase).Order().ToList();

        missing.ShouldBeEmpty("read by the site but missing from appsettings.example.json");
    }

    [Fact]
    public void EveryKeyInTheExample_IsReadBySite()
    {
        var unread = ExampleKeys().Except(KeysTheSiteReads(), StringComparer.OrdinalIgnoreCase).Order().ToList();

        unread.ShouldBeEmpty("in appsettings.example.json but never read by the site");
    }

    [Fact]
    public void Recorder_SeesTheBoundPropertiesOfAnOptionsType()
    {
        // Guards the test itself: binding through the recorder must report each property's key.
        KeysTheSiteReads().ShouldContain("Security:SignIn:WindowSeconds");
        KeysTheSiteReads().ShouldContain("Connecteam:ClockIds");
        KeysTheSiteReads().ShouldContain("Jobs:PodFactorySyncSeconds");
    }

    private static IReadOnlyCollection<string> KeysTheSiteReads() => SiteKeys.Value;

    private static readonly Lazy<IReadOnlyCollection<string>> SiteKeys = new(ReadSiteKeys);

    private static IReadOnlyCollection<string> ReadSiteKeys()
    {
        // The example itself is the base: the binder visits a section's properties only when the section has an entry,
        // so a section missing from the example entirely shows up as its own name.
        var recorder = new RecordingSource();
        using var folder = new TempFolder();
        var builder = ConfiguredApp.Builder(folder.Path, ExamplePath());
        builder.Configuration.AddInMemoryCollection(ExampleOverrides);
        builder.Configuration.Sources.Add(recorder);

        recorder.Recording = true;
        builder.AddInfrastructure();
        builder.AddWeb();
        recorder.Recording = false;
        // Keys asked while services were registered: only those our code asked for, not the framework.
        var keys = recorder.Take(askedByOurCode: true);

        var optionsTypes = OurOptionsTypes(builder.Services);
        optionsTypes.ShouldNotBeEmpty();
        using var app = builder.Build();
        foreach (var optionsType in optionsTypes)
        {
            recorder.Recording = true;
            var monitor = app.Services.GetRequiredService(typeof(IOptionsMonitor<>).MakeGenericType(optionsType));
            try
            {
                monitor.GetType().GetMethod(nameof(IOptionsMonitor<object>.Get))!.Invoke(monitor, [Options.DefaultName]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException)
            {
                // The example's placeholders ("<from-environment-or-user-secrets>") are no valid secrets; binding is done.
            }
            recorder.Recording = false;
            // The binder also asks for get-only properties (Interval, Window: computed from the settings); no setting.
            keys.UnionWith(recorder.Take(askedByOurCode: false).Where(key => !ReadOnlyProperties(optionsType).Contains(key.Split(':')[^1])));
        }
        return Leaves(keys);
    }

    /// <summary>Options types from the Productivity assemblies that something configures (BindConfiguration, Configure…).</summary>
    private static List<Type> OurOptionsTypes(IServiceCollection services) =>
    [
        .. services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(d => d.ServiceType.GenericTypeArguments[0])
            .Where(t => IsOurs(t.Assembly))
            .Distinct(),
    ];

    private static bool IsOurs(Assembly assembly) =>
        assembly.GetName().Name is { } name && name.StartsWith("Productivity.", StringComparison.Ordinal)
        && !name.StartsWith("Productivity.Test", StringComparison.Ordinal);

    private static HashSet<string> ReadOnlyProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not { IsPublic: true })
            .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Asked keys that are settings, not sections: binding asks "Security" before "Security:RevalidationSeconds", and
    /// "Security:SignIn" before its properties.
    /// </summary>
    private static List<string> Leaves(HashSet<string> asked)
    {
        // An array's entries (ForwardedHeaders:KnownProxies:0) are the array's setting.
        var keys = asked.Select(k => ArrayIndex().Replace(k, "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. keys.Where(k => !keys.Any(other => other.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase)))];
    }

    [GeneratedRegex(@"(:\d+)+$")]
    private static partial Regex ArrayIndex();

    /// <summary>Every setting of appsettings.example.json; an array (ClockIds, KnownProxies) is one setting.</summary>
    private static HashSet<string> ExampleKeys()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ExamplePath()));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flatten(document.RootElement, "", keys);
        return keys;
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
            }
            return;
        }
        keys.Add(prefix);
    }

    private static string ExamplePath() => Path.Combine(SolutionRoot(), "appsettings.example.json");

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Productivity.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Productivity.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Answers nothing and writes down each key it is asked for, with whether our own code asked.</summary>
    private sealed class RecordingSource : IConfigurationSource, IConfigurationProvider
    {
        private readonly List<(string Key, bool Ours)> _asked = [];

        public bool Recording { get; set; }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public bool TryGet(string key, out string? value)
        {
            if (Recording)
            {
                lock (_asked)
                {
                    _asked.Add((key, AskedByOurCode()));
                }
            }
            value = null;
            return false;
        }

        public HashSet<string> Take(bool askedByOurCode)
        {
            lock (_asked)
            {
                var keys = _asked.Where(a => !askedByOurCode || a.Ours).Select(a => a.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
                _asked.Clear();
                return keys;
            }
        }

        /// <summary>The first caller outside the configuration libraries is one of our assemblies.</summary>
        private static bool AskedByOurCode()
        {
            foreach (var frame in new StackTrace().GetFrames())
            {
                var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
                if (assembly is null || assembly == typeof(RecordingSource).Assembly)
                {
                    continue;
                }
                var name = assembly.GetName().Name ?? "";
                if (name.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal)
                    || name.StartsWith("System.", StringComparison.Ordinal) || name == "System")
                {
                    continue;
                }
                return IsOurs(assembly);
            }
            return false;
        }

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => earlierKeys;

        public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

        public void Load()
        {
        }

        public void Set(string key, string? value)
        {
        }
    }
}
