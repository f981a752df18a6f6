using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;
using Productivity.Core.TimeClock;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> builder)
    {
        builder.ToTable("shifts");
        builder.Property(s => s.ConnecteamShiftId).HasMaxLength(64);
        builder.HasIndex(s => new { s.ClockId, s.ConnecteamShiftId }).IsUnique();
        builder.HasIndex(s => new { s.EmployeeId, s.BusinessDay });
        builder.HasIndex(s => s.ClockInUtc);
        builder.HasOne<Employee>().WithMany().HasForeignKey(s => s.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}
