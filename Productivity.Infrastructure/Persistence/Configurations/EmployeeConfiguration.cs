using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> builder)
    {
        builder.ToTable("employees");
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Email).HasMaxLength(256);
        builder.HasIndex(e => e.ConnecteamUserId).IsUnique();
        builder.HasIndex(e => e.Name);
    }
}
