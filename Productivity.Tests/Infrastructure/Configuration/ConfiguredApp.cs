using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure;
using Productivity.Tests.TestSupport;
using Productivity.Web;

namespace Productivity.Tests.Infrastructure.Configuration;

/// <summary>
/// The site's composition (AddInfrastructure and AddWeb, as Program runs them) built but not started: what start-up
/// would refuse, in a fraction of a second instead of a process start.
/// </summary>
internal static class ConfiguredApp
{
    /// <summary>Builds the site with <paramref name="settings"/> over SQLite in a temp folder.</summary>
    public static WebApplication Build(IDictionary<string, string?> settings, string folder)
    {
        var builder = Builder(folder);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddInfrastructure();
        builder.AddWeb();
        return builder.Build();
    }

    /// <summary>A builder over SQLite in <paramref name="folder"/>, jobs on (as a site runs), nothing composed yet.</summary>
    public static WebApplicationBuilder Builder(string folder, string? baseJsonFile = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = folder });
        builder.Logging.ClearProviders();
        if (baseJsonFile is not null)
        {
            builder.Configuration.AddJsonFile(baseJsonFile, optional: false, reloadOnChange: false);
        }
        builder.Configuration.AddInMemoryCollection(TestHost.DatabaseSettings("Sqlite", folder, null));
        builder.Configuration.AddInMemoryCollection([new("Jobs:Enabled", "true")]);
        return builder;
    }

    /// <summary>
    /// The line Program prints when start-up fails ("Productivity cannot start: …" without the prefix), or null when the
    /// configuration is accepted: the eager reads while services are registered, then ValidateOnStart's validator,
    /// which the host runs first thing in StartAsync.
    /// </summary>
    public static string? StartupError(IDictionary<string, string?> settings)
    {
        var folder = new TempFolder();
        try
        {
            using var app = Build(settings, folder.Path);
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
        {
            return message;
        }
        finally
        {
            folder.Dispose();
        }
    }
}
