namespace Productivity.Core.Scoring;

/// <summary>The spec's parameters as editable data (one row).</summary>
public sealed class ScoringSettings
{
    public int Id { get; set; }
    public double StartAllowanceMinutes { get; set; }
    public double CleanupAllowanceMinutes { get; set; }
    public double BatchFactor { get; set; }
    public double BatchMinThresholdMinutes { get; set; }
    public double BatchEndMinThresholdMinutes { get; set; }
    public double OpenShiftCapHours { get; set; }
    public DateTime UpdatedUtc { get; set; }

    public ScoringParameters ToParameters() => new()
    {
        StartAllowanceMinutes = StartAllowanceMinutes,
        CleanupAllowanceMinutes = CleanupAllowanceMinutes,
        BatchFactor = BatchFactor,
        BatchMinThresholdMinutes = BatchMinThresholdMinutes,
        BatchEndMinThresholdMinutes = BatchEndMinThresholdMinutes,
        OpenShiftCapHours = OpenShiftCapHours,
    };
}
