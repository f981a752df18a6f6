using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Productivity.Core.Costs;
using Productivity.Core.Employees;

namespace Productivity.Infrastructure.Persistence.Configurations;

internal sealed class PayRateConfiguration : IEntityTypeConfiguration<PayRate>
{
    // Up to 10,000 an hour with four decimals: a rate such as 18.3750 is kept exactly.
    public const int RatePrecision = 9;
    public const int RateScale = 4;

    public void Configure(EntityTypeBuilder<PayRate> builder)
    {
        builder.ToTable("pay_rates");
        builder.Property(r => r.HourlyRate).HasPrecision(RatePrecision, RateScale);
        builder.Property(r => r.RoleName).HasMaxLength(100);
        // One entry per owner and day: a second rate on the same day would make the history ambiguous.
        builder.HasIndex(r => new { r.EmployeeId, r.EffectiveFrom }).IsUnique();
        builder.HasIndex(r => new { r.RoleName, r.EffectiveFrom }).IsUnique();
        builder.HasOne<Employee>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
