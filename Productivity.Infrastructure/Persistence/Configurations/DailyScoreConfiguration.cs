using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class DailyScoreConfiguration : IEntityTypeConfiguration<DailyScore>
{
    public void Configure(EntityTypeBuilder<DailyScore> builder)
    {
        builder.ToTable("daily_scores");
        builder.HasIndex(s => new { s.EmployeeId, s.BusinessDay }).IsUnique();
        builder.HasIndex(s => s.BusinessDay);
        builder.Property(s => s.PrimaryRole).HasMaxLength(100);
        builder.Property(s => s.HourlyRate).HasPrecision(PayRateConfiguration.RatePrecision, PayRateConfiguration.RateScale);
        builder.Property(s => s.LabourCost).HasPrecision(12, 2);
        builder.Property(s => s.IdleCost).HasPrecision(12, 2);
        builder.HasOne<Employee>().WithMany().HasForeignKey(s => s.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
