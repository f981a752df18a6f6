using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Productivity.Web.Cli;

/// <summary>
/// The app's one command tree (System.CommandLine). With no command the web site starts and gets every argument as
/// given (<c>--urls …</c>); a command runs once with the site's configuration and exits. <c>--help</c>/<c>-h</c> and
/// <c>--version</c> are answered on every command from the tree alone, and arguments are validated before anything
/// starts: no host, no configuration, no database or Redis connection, no file. New commands join <see cref="Build"/>.
/// </summary>
internal static class CommandLine
{
    /// <summary>Exit codes: 0 done, 1 the run (or the configuration, or a service) failed, 2 the arguments are wrong.</summary>
    public const int Succeeded = 0, Failed = 1, UsageError = 2;

    // Response files (@file) and directives ([diagram]) are off: with no command, tokens go to the web host untouched.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    // No Ctrl+C/SIGTERM handling of the library's own (it would end the process 2 s after the signal, in the middle of a
    // sync): a command's host handles the signals as it always has.
    private static readonly InvocationConfiguration Invocation = new() { ProcessTerminationTimeout = null };

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Productivity: operator commands with the site's configuration (appsettings, environment variables). " +
            "Without a command the web site starts, and arguments such as --urls http://0.0.0.0:8080 go to it.");
        root.Directives.Clear();
        foreach (var command in OperatorCommands.Create())
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(HealthCommand.Create());
        // --help is recursive already; --version is made so, so that every command answers both.
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Recursive = true;
        }
        return root;
    }

    /// <summary>Runs the command in <paramref name="args"/>, or <paramref name="runSite"/> with them when there is none.</summary>
    public static async Task<int> RunAsync(string[] args, Func<string[], Task<int>> runSite)
    {
        var root = Build();
        var parse = root.Parse(args, Parsing);
        if (parse.Action is HelpAction || IsVersion(root, parse))
        {
            return await parse.InvokeAsync(Invocation);
        }
        if (parse.CommandResult.Command == root)
        {
            // No command: the tokens belong to the web host. Only a bare first word cannot be one of its arguments
            // (those are --key value, /key value or key=value), so it is a mistyped command rather than a site start.
            if (args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal))
            {
                return Usage(root, $"unknown command '{args[0]}' (commands: {Names(root)}).");
            }
            return await runSite(args);
        }
        if (parse.UnmatchedTokens.Count > 0)
        {
            return Usage(parse.CommandResult.Command, $"unrecognized command or argument '{parse.UnmatchedTokens[0]}'.");
        }
        if (parse.CommandResult.Command is { Action: null } group)
        {
            return Usage(group, $"a command is required: {Names(group)}.");
        }
        if (parse.Errors.Count > 0)
        {
            return Usage(parse.CommandResult.Command, parse.Errors[0].Message);
        }
        return await parse.InvokeAsync(Invocation);
    }

    private static string Names(Command command) => string.Join(", ", command.Subcommands.Select(c => c.Name));

    private static bool IsVersion(RootCommand root, ParseResult parse) =>
        root.Options.OfType<VersionOption>().Any(option => parse.Action is not null && ReferenceEquals(parse.Action, option.Action));

    /// <summary>One line on stderr (not the whole usage): what is wrong and where the usage is.</summary>
    private static int Usage(Command command, string message)
    {
        var path = CommandPath(command);
        var prefix = path.Length == 0 ? "" : $"{path}: ";
        var help = path.Length == 0 ? "--help" : $"{path} --help";
        Console.Error.WriteLine($"{prefix}{message.ReplaceLineEndings(" ").Trim()} See '{help}'.");
        return UsageError;
    }

    /// <summary>"sync connecteam" for that command; empty for the root.</summary>
    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command current and not RootCommand; symbol = current.Parents.FirstOrDefault())
        {
            names.Insert(0, current.Name);
        }
        return string.Join(' ', names);
    }
}
