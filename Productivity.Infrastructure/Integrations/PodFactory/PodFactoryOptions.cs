using System.ComponentModel.DataAnnotations;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Infrastructure.Integrations.PodFactory;

public sealed class PodFactoryOptions
{
    public const string SectionName = "PodFactory";
    public const string ConnectionStringKey = "ConnectionStrings:PodFactory";

    /// <summary>The PodFactory reporting table to read; a plain identifier (letters, digits, underscore). Default <c>report_actions</c>.</summary>
    [Required(ErrorMessage = TableRule)]
    [RegularExpression(PodFactoryOptionsValidator.PlainIdentifierPattern, ErrorMessage = TableRule)]
    public string Table { get; set; } = "report_actions";

    /// <summary>Seconds one query may run before it fails. Default 30.</summary>
    [SettingRange($"{SectionName}:{nameof(CommandTimeoutSeconds)}", 1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    private const string TableRule = $"{SectionName}:{nameof(Table)} must be a plain table name of letters, digits and underscores " +
        "(at most 64 characters), e.g. 'report_actions'.";
}
