namespace Productivity.Infrastructure.Integrations.PodFactory;

public sealed class PodFactoryOptions
{
    public const string SectionName = "PodFactory";
    public const string ConnectionStringKey = "ConnectionStrings:PodFactory";

    /// <summary>The PodFactory reporting table to read; a plain identifier (letters, digits, underscore). Default <c>report_actions</c>.</summary>
    public string Table { get; set; } = "report_actions";

    /// <summary>Seconds one query may run before it fails. Default 30.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}
