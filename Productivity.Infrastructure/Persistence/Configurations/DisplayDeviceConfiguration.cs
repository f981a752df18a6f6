using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Displays;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class DisplayDeviceConfiguration : IEntityTypeConfiguration<DisplayDevice>
{
    public void Configure(EntityTypeBuilder<DisplayDevice> builder)
    {
        builder.ToTable("display_devices");
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.Ignore(d => d.IsRevoked);
        builder.HasIndex(d => d.TokenHash).IsUnique();
    }
}
