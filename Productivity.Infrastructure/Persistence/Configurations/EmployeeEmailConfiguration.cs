using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class EmployeeEmailConfiguration : IEntityTypeConfiguration<EmployeeEmail>
{
    public void Configure(EntityTypeBuilder<EmployeeEmail> builder)
    {
        builder.ToTable("employee_emails");
        builder.Property(e => e.Email).HasMaxLength(256);
        builder.Property(e => e.Source).HasMaxLength(32);
        builder.Property(e => e.VerifiedBy).HasMaxLength(256);
        builder.HasIndex(e => e.Email).IsUnique();
        builder.HasIndex(e => e.EmployeeId);
        builder.HasOne<Employee>().WithMany().HasForeignKey(e => e.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
