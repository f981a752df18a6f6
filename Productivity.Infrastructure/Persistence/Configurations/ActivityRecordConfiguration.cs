using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Activities;
using Productivity.Core.Employees;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class ActivityRecordConfiguration : IEntityTypeConfiguration<ActivityRecord>
{
    public void Configure(EntityTypeBuilder<ActivityRecord> builder)
    {
        builder.ToTable("activities");
        builder.HasIndex(a => a.PodFactoryId).IsUnique();
        // With the end too, the recompute's "reaches into the range" test on the day before is answered from the index
        // (index condition pushdown) instead of reading each of that day's rows.
        builder.HasIndex(a => new { a.EmployeeId, a.WindowStartUtc, a.WindowEndUtc });
        builder.HasIndex(a => a.WindowStartUtc);
        builder.HasIndex(a => a.Email);
        // Covers the day's hourly chart (items and people by start hour of the windows attributed to the day), so it reads
        // no table rows: a day of 5,000 people is ~220,000 windows. Items per employee and action are stored by the
        // recompute (daily_action_totals); Action and SessionId here now only cost index updates (record 0020).
        builder.HasIndex(a => new { a.BusinessDay, a.EmployeeId, a.Action, a.ItemsCount, a.SessionId, a.WindowStartUtc });
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.UserName).HasMaxLength(200);
        builder.Property(a => a.UserRole).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}
