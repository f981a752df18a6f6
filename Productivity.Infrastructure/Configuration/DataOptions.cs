namespace Productivity.Infrastructure.Configuration;

public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>Folder for the SQLite file and, without Redis, the data-protection keys.</summary>
    public string Folder { get; set; } = "./data";
}
