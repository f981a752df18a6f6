using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Productivity.Core.Activities;
using Productivity.Core.Alerts;
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
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<Email.EmailMessage> EmailOutbox => Set<Email.EmailMessage>();
    public DbSet<Email.EmailAttachment> EmailAttachments => Set<Email.EmailAttachment>();
    public DbSet<Email.EmailSubscription> EmailSubscriptions => Set<Email.EmailSubscription>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ProductivityDbContext).Assembly);
        if (Database.IsMySql())
        {
            // E-mails are normalised (trimmed, lower-cased) and compared ordinally in code, and the database must agree:
            // MariaDB's utf8mb4 default collations ignore accents ('josé' = 'jose', 'ı' = 'i'), so two distinct e-mails
            // would collide in the unique indexes (failing the sync) or one person's mapping would credit another's rows.
            builder.Entity<ActivityRecord>().Property(a => a.Email).UseCollation(BinaryCollation);
            builder.Entity<Employee>().Property(e => e.Email).UseCollation(BinaryCollation);
            builder.Entity<EmployeeEmail>().Property(e => e.Email).UseCollation(BinaryCollation);
            builder.Entity<PendingMapping>().Property(p => p.Email).UseCollation(BinaryCollation);
            // Actions too are matched exactly ("picking" is not the role of "Picking"); per-action daily totals are keyed
            // by them, and two actions that differ only in case or accents would collide there.
            builder.Entity<ActivityRecord>().Property(a => a.Action).UseCollation(BinaryCollation);
            builder.Entity<ActionRole>().Property(r => r.Action).UseCollation(BinaryCollation);
            builder.Entity<DailyActionTotal>().Property(t => t.Action).UseCollation(BinaryCollation);
        }
    }

    private const string BinaryCollation = "utf8mb4_bin";

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
