using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Productivity.Core.Activities;
using Productivity.Core.Auditing;
using Productivity.Core.Costs;
using Productivity.Core.Displays;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Identity;

namespace Productivity.Infrastructure.Persistence;

/// <summary>
/// The one database of the product, Identity included. Each provider has a small subclass so that each keeps its
/// own migration set (EF finds migrations by context type).
/// </summary>
/// <remarks>
/// Add a migration to both sets with <c>scripts/add-migration.sh Name</c>.
/// </remarks>
public abstract class ProductivityDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<Shift> Shifts => Set<Shift>();
    public DbSet<ManualBreak> ManualBreaks => Set<ManualBreak>();
    public DbSet<ActivityRecord> Activities => Set<ActivityRecord>();
    public DbSet<DailyScore> DailyScores => Set<DailyScore>();
    public DbSet<PayRate> PayRates => Set<PayRate>();
    public DbSet<DailyActionTotal> DailyActionTotals => Set<DailyActionTotal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<EmployeeEmail> EmployeeEmails => Set<EmployeeEmail>();
    public DbSet<PendingMapping> PendingMappings => Set<PendingMapping>();
    public DbSet<ActionRole> ActionRoles => Set<ActionRole>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<SyncCursor> SyncCursors => Set<SyncCursor>();
    public DbSet<SyncPoll> SyncPolls => Set<SyncPoll>();
    public DbSet<IdlePeriodRecord> IdlePeriods => Set<IdlePeriodRecord>();
    public DbSet<DataQualityRecord> DataQuality => Set<DataQualityRecord>();
    public DbSet<ScoringSettings> ScoringSettings => Set<ScoringSettings>();
    public DbSet<DisplayDevice> DisplayDevices => Set<DisplayDevice>();
    public DbSet<WebhookCall> WebhookCalls => Set<WebhookCall>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ProductivityDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; the providers return DateTimeKind.Unspecified, so restore the kind on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
