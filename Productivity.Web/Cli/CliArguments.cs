using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Productivity.Core.Dashboard;
using Productivity.Infrastructure.Exports;

namespace Productivity.Web.Cli;

/// <summary>
/// The options the commands share, each validated while parsing (before any host starts) with a message that names
/// the option and the value. Validators only read: help runs them too and must stay free of side effects.
/// </summary>
internal static class CliArguments
{
    /// <summary>
    /// The longest range a sync or a recompute takes in one run (a year and a day). The site has no limit of its own
    /// for these; this one catches a mistyped year before it reads or rescores years of data. Longer backfills run in
    /// several commands.
    /// </summary>
    public const int MaxBackfillDays = 366;

    /// <summary>The longest range an export takes: the dashboards' and the export endpoints' limit.</summary>
    public const int MaxExportDays = DashboardRange.MaxDays;

    private const string DateFormat = "yyyy-MM-dd";

    public sealed record DateRange(Option<DateOnly?> From, Option<DateOnly?> To);

    /// <summary>
    /// Adds --from and --to (site-local business days, inclusive) to <paramref name="command"/>: both required, or
    /// (<paramref name="required"/> false) both or neither; --to not before --from; at most <paramref name="maxDays"/>.
    /// </summary>
    public static DateRange AddRange(Command command, bool required, int maxDays, string what)
    {
        var together = required ? "" : "; give both --from and --to, or neither";
        var range = new DateRange(
            DateOption("--from", $"First site-local business day{together}", required),
            DateOption("--to", $"Last site-local business day, inclusive; at most {maxDays} days from --from", required));
        command.Options.Add(range.From);
        command.Options.Add(range.To);
        command.Validators.Add(result =>
        {
            // Read from the tokens: a malformed date has its own error, and reading values would parse it again.
            var (from, to) = (TokenDate(result, range.From), TokenDate(result, range.To));
            if (!required && Given(result, range.From) != Given(result, range.To))
            {
                result.AddError("--from and --to go together (give both, or neither).");
            }
            else if (from is { } first && to is { } last)
            {
                var days = last.DayNumber - first.DayNumber + 1;
                if (last < first)
                {
                    result.AddError($"--to must not be before --from ({Iso(last)} is before {Iso(first)}).");
                }
                else if (days > maxDays)
                {
                    result.AddError($"{Iso(first)}..{Iso(last)} is {days} days; {what} takes at most {maxDays} days at a time.");
                }
            }
        });
        return range;
    }

    /// <summary>--file: an existing file to read.</summary>
    public static Option<string> InputFile(string description)
    {
        var option = new Option<string>("--file") { Description = description, Required = true, HelpName = "FILE.csv" };
        option.Validators.Add(result =>
        {
            if (Token(result) is { } path && !File.Exists(path))
            {
                result.AddError($"File not found: '{path}'.");
            }
        });
        return option;
    }

    /// <summary>--out: a .csv or .xlsx file (the format follows the extension) in an existing folder.</summary>
    public static Option<string> OutputFile()
    {
        var option = new Option<string>("--out")
        {
            Description = "File to write; .csv or .xlsx (the format follows the extension). An existing file is replaced.",
            Required = true,
            HelpName = "FILE.csv|FILE.xlsx",
        };
        option.Validators.Add(result =>
        {
            if (Token(result) is not { } path)
            {
                return;
            }
            if (ExportFormats.FromFileName(path) is null)
            {
                result.AddError($"--out must be a .csv or .xlsx file (got '{path}').");
            }
            else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
            {
                result.AddError($"--out's folder does not exist: '{folder}'.");
            }
        });
        return option;
    }

    private static Option<DateOnly?> DateOption(string name, string description, bool required) => new(name)
    {
        Description = $"{description}.",
        Required = required,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TryParseDate(text) is { } day)
            {
                return day;
            }
            result.AddError($"{name} must be a date like 2025-12-10 (got '{text}').");
            return null;
        },
    };

    private static DateOnly? TokenDate(CommandResult result, Option<DateOnly?> option) =>
        result.GetResult(option) is { Tokens: [var token] } ? TryParseDate(token.Value) : null;

    private static bool Given(CommandResult result, Option<DateOnly?> option) => result.GetResult(option) is not null;

    private static string? Token(OptionResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : null;

    private static DateOnly? TryParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Iso(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);
}
