using Productivity.Infrastructure;
using Productivity.Web;
using Productivity.Web.Cli;

// A command (sync, export, health, …), --help or --version is answered without the web host; with none the site starts.
return await CommandLine.RunAsync(args, RunSiteAsync);

static async Task<int> RunSiteAsync(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    try
    {
        builder.AddInfrastructure();
        builder.AddWeb();
        var app = builder.Build();
        app.MapWeb();
        await app.RunAsync();
        return 0;
    }
    catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
    {
        Console.Error.WriteLine($"Productivity cannot start: {message}");
        return 1;
    }
}

public partial class Program;
