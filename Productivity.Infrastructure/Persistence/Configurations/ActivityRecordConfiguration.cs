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
        // Covers the screens' grouping of a range's stored facts (items per employee and action, clocked or not) and the
        // day's hourly chart (its start hour), so neither reads the table's rows: a day of 5,000 people is ~220,000 windows.
        builder.HasIndex(a => new { a.BusinessDay, a.EmployeeId, a.Action, a.ItemsCount, a.SessionId, a.WindowStartUtc });
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.UserName).HasMaxLength(200);
        builder.Property(a => a.UserRole).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}
