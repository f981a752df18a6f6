using Productivity.Infrastructure;
using Productivity.Web;
using Productivity.Web.Cli;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

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

public partial class Program;
