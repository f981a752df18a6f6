using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Alerts;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("alert_rules");
        builder.HasKey(r => r.Kind);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.NotifyRoles).HasMaxLength(100);
        builder.Ignore(r => r.RolesTold);
        // One row per kind with the defaults: the evaluation and the Admin page only ever update them.
        builder.HasData(AlertRuleDefaults.All);
    }
}
