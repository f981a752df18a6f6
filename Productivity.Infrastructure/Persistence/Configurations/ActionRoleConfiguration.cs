using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Activities;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class ActionRoleConfiguration : IEntityTypeConfiguration<ActionRole>
{
    private static readonly DateTime Seeded = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Configure(EntityTypeBuilder<ActionRole> builder)
    {
        builder.ToTable("action_roles");
        builder.Property(r => r.Action).HasMaxLength(100);
        builder.Property(r => r.RoleName).HasMaxLength(100);
        builder.Property(r => r.Department).HasMaxLength(100);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.Action).IsUnique();
        // The spec's five seeded roles; later edits are data, audited and recomputed.
        builder.HasData(DefaultRoles.All.Select((role, index) => new ActionRole
        {
            Id = index + 1,
            Action = role.Action,
            RoleName = role.RoleName,
            Department = role.Department,
            Kind = role.Kind,
            ExpectedPerHour = role.ExpectedPerHour,
            IdleThresholdMinutes = role.IdleThresholdMinutes,
            PointsPerItem = role.PointsPerItem,
            UpdatedUtc = Seeded,
        }));
    }
}
