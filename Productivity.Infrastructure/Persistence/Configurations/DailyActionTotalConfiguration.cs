using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class DailyActionTotalConfiguration : IEntityTypeConfiguration<DailyActionTotal>
{
    public void Configure(EntityTypeBuilder<DailyActionTotal> builder)
    {
        builder.ToTable("daily_action_totals");
        builder.HasKey(t => new { t.BusinessDay, t.EmployeeId, t.Action });
        builder.Property(t => t.Action).HasMaxLength(100);
        builder.HasOne<Employee>().WithMany().HasForeignKey(t => t.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
