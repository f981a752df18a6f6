using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class SyncPollConfiguration : IEntityTypeConfiguration<SyncPoll>
{
    public void Configure(EntityTypeBuilder<SyncPoll> builder)
    {
        builder.ToTable("sync_polls");
        builder.HasKey(p => p.Job);
        builder.Property(p => p.Job).HasMaxLength(64);
    }
}
