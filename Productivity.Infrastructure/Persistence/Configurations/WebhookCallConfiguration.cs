using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class WebhookCallConfiguration : IEntityTypeConfiguration<WebhookCall>
{
    public void Configure(EntityTypeBuilder<WebhookCall> builder)
    {
        builder.ToTable("webhook_calls");
        builder.Property(c => c.RequestId).HasMaxLength(WebhookCall.MaxRequestId);
        builder.Property(c => c.EventType).HasMaxLength(WebhookCall.MaxEventType);
        builder.Property(c => c.Reason).HasMaxLength(WebhookCall.MaxReason);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => c.ReceivedUtc);
        // A redelivery is recognised by its request id.
        builder.HasIndex(c => c.RequestId);
    }
}
