using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Identity;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable("email_outbox");
        builder.Property(m => m.DeduplicationKey).HasMaxLength(EmailMessage.MaxDeduplicationKey);
        // Unique where set; several NULLs are allowed by both MySQL/MariaDB and SQLite.
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.Property(m => m.Recipients).HasMaxLength(4000);
        builder.Property(m => m.Subject).HasMaxLength(EmailMessage.MaxSubject);
        builder.Property(m => m.LastError).HasMaxLength(EmailMessage.MaxError);
        // What is due: unsent rows by next attempt (the sender's query, the Sync page's count).
        builder.HasIndex(m => new { m.SentUtc, m.NextAttemptUtc });
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailAttachmentConfiguration : IEntityTypeConfiguration<EmailAttachment>
{
    public void Configure(EntityTypeBuilder<EmailAttachment> builder)
    {
        builder.ToTable("email_attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        // No maximum length: LONGBLOB on MySQL/MariaDB (a week of a large floor's scores is more than BLOB's 64 KB).
    }
}

internal sealed class EmailSubscriptionConfiguration : IEntityTypeConfiguration<EmailSubscription>
{
    public void Configure(EntityTypeBuilder<EmailSubscription> builder)
    {
        builder.ToTable("email_subscriptions");
        builder.Property(s => s.Topic).HasMaxLength(EmailTopics.MaxLength);
        builder.HasIndex(s => new { s.UserId, s.Topic }).IsUnique();
        builder.HasIndex(s => s.Topic);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
