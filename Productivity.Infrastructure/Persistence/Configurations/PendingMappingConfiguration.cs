using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Employees;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class PendingMappingConfiguration : IEntityTypeConfiguration<PendingMapping>
{
    public void Configure(EntityTypeBuilder<PendingMapping> builder)
    {
        builder.ToTable("pending_mappings");
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.PodFactoryName).HasMaxLength(200);
        builder.Property(p => p.ResolvedBy).HasMaxLength(256);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.HasIndex(p => p.Status);
    }
}
