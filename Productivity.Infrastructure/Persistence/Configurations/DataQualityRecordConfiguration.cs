using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class DataQualityRecordConfiguration : IEntityTypeConfiguration<DataQualityRecord>
{
    public void Configure(EntityTypeBuilder<DataQualityRecord> builder)
    {
        builder.ToTable("data_quality");
        builder.Property(p => p.Issue).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Subject).HasMaxLength(200);
        builder.HasIndex(p => new { p.EmployeeId, p.BusinessDay });
        builder.HasIndex(p => new { p.BusinessDay, p.Issue });
        builder.HasOne<Employee>().WithMany().HasForeignKey(p => p.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
