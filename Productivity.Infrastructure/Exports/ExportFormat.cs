namespace Productivity.Infrastructure.Exports;

/// <summary>The file formats every export is offered in.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}
