using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class SyncCursorConfiguration : IEntityTypeConfiguration<SyncCursor>
{
    public void Configure(EntityTypeBuilder<SyncCursor> builder)
    {
        builder.ToTable("sync_cursors");
        builder.HasKey(c => c.Source);
        builder.Property(c => c.Source).HasMaxLength(64);
    }
}
