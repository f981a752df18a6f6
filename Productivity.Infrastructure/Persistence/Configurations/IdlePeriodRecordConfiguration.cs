using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class IdlePeriodRecordConfiguration : IEntityTypeConfiguration<IdlePeriodRecord>
{
    public void Configure(EntityTypeBuilder<IdlePeriodRecord> builder)
    {
        builder.ToTable("idle_periods");
        builder.Property(p => p.Rule).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.WindowAction).HasMaxLength(100);
        builder.HasIndex(p => new { p.EmployeeId, p.BusinessDay });
        builder.HasIndex(p => p.BusinessDay);
        builder.HasOne<Employee>().WithMany().HasForeignKey(p => p.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
