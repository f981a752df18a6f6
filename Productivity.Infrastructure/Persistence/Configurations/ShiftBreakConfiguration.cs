using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.TimeClock;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class ShiftBreakConfiguration : IEntityTypeConfiguration<ShiftBreak>
{
    public void Configure(EntityTypeBuilder<ShiftBreak> builder)
    {
        builder.ToTable("shift_breaks");
        builder.Property(b => b.ConnecteamBreakId).HasMaxLength(64);
        builder.HasIndex(b => new { b.ShiftId, b.ConnecteamBreakId }).IsUnique();
    }
}
