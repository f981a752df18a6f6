using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Alerts;
using Productivity.Core.Employees;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    /// <summary>Room for an e-mail subject (256 characters of e-mail and the day) and, in the open key, the kind.</summary>
    public const int SubjectKeyLength = 320;
    public const int OpenKeyLength = 360;

    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.SubjectKey).HasMaxLength(SubjectKeyLength);
        builder.Property(a => a.OpenKey).HasMaxLength(OpenKeyLength);
        builder.Property(a => a.Reference).HasMaxLength(256);
        // Like the audit trail: the user's id and name as they were, kept when the account is deleted.
        builder.Property(a => a.AcknowledgedById).HasMaxLength(64);
        builder.Property(a => a.AcknowledgedByName).HasMaxLength(256);
        builder.Ignore(a => a.IsOpen);
        // "An alert opens once", kept by the database: the open key is set only while the alert is open, and NULLs do not
        // collide, so closed alerts pile up freely while a second open one for the same kind and subject (another node's
        // evaluation at the same moment) fails to insert.
        builder.HasIndex(a => a.OpenKey).IsUnique();
        // The bell and the evaluation read the open alerts; the history pages by time, kind and employee.
        builder.HasIndex(a => new { a.ClosedUtc, a.Kind });
        builder.HasIndex(a => a.OpenedUtc);
        builder.HasIndex(a => new { a.EmployeeId, a.OpenedUtc });
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
