using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.TimeClock;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class ManualBreakConfiguration : IEntityTypeConfiguration<ManualBreak>
{
    public void Configure(EntityTypeBuilder<ManualBreak> builder)
    {
        builder.ToTable("manual_breaks");
        builder.Property(b => b.ConnecteamBreakId).HasMaxLength(64);
        builder.Property(b => b.BreakTypeId).HasMaxLength(64);
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.HasIndex(b => new { b.ClockId, b.ConnecteamBreakId }).IsUnique();
        builder.HasIndex(b => new { b.EmployeeId, b.BusinessDay });
        builder.HasOne<Employee>().WithMany().HasForeignKey(b => b.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}
