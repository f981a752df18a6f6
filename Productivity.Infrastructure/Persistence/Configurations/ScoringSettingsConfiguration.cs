using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class ScoringSettingsConfiguration : IEntityTypeConfiguration<ScoringSettings>
{
    public const int SingletonId = 1;

    public void Configure(EntityTypeBuilder<ScoringSettings> builder)
    {
        builder.ToTable("scoring_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        var defaults = ScoringParameters.Default;
        builder.HasData(new ScoringSettings
        {
            Id = SingletonId,
            StartAllowanceMinutes = defaults.StartAllowanceMinutes,
            CleanupAllowanceMinutes = defaults.CleanupAllowanceMinutes,
            BatchFactor = defaults.BatchFactor,
            BatchMinThresholdMinutes = defaults.BatchMinThresholdMinutes,
            BatchEndMinThresholdMinutes = defaults.BatchEndMinThresholdMinutes,
            OpenShiftCapHours = defaults.OpenShiftCapHours,
            UpdatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}
