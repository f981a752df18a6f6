using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class DailyHourTotalConfiguration : IEntityTypeConfiguration<DailyHourTotal>
{
    public void Configure(EntityTypeBuilder<DailyHourTotal> builder)
    {
        builder.ToTable("daily_hour_totals");
        builder.HasKey(t => new { t.BusinessDay, t.Hour, t.EmployeeId });
        builder.HasOne<Employee>().WithMany().HasForeignKey(t => t.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
