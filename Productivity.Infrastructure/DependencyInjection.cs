using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using System.Security.Cryptography.X509Certificates;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Employees;
using Productivity.Core.Dashboard;
using Productivity.Core.Integrations;
using Productivity.Core.Realtime;
using Productivity.Core.Time;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Exceptions;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.EmployeeDays;
using Productivity.Infrastructure.Employees;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Displays;
using Productivity.Infrastructure.Health;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Integrations;
using Productivity.Infrastructure.Integrations.Connecteam;
using Productivity.Infrastructure.Integrations.Demo;
using Productivity.Infrastructure.Integrations.PodFactory;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Persistence.Seeding;
using Productivity.Infrastructure.Realtime;
using Productivity.Infrastructure.Reports;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Floor;
using Productivity.Infrastructure.Sync;
using Productivity.Infrastructure.Webhooks;
using Quartz;

namespace Productivity.Infrastructure;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var settings = StartupSettings.Read(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new SiteClock(settings.SiteTimeZone));
        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SeedOptions>, SeedOptionsValidator>();

        AddPersistence(builder.Services, settings);
        AddIdentityStore(builder.Services);
        AddCaching(builder.Services, settings,
            KeyRingProtection.LoadCertificate(builder.Configuration, builder.Environment.ContentRootPath));
        AddHealthChecks(builder.Services, settings);
        AddSecurity(builder.Services);
        AddRealtime(builder.Services);
        AddAlertInbox(builder.Services);
        AddIntegrations(builder.Services, builder.Configuration, settings);
        AddSync(builder.Services);
        AddWebhooks(builder.Services);
        AddMappings(builder.Services);
        AddScoring(builder.Services);
        AddEmployees(builder.Services);
        AddAdministration(builder.Services);
        AddDashboard(builder.Services);
        AddFloor(builder.Services);
        var email = EmailSchedule.Read(builder.Configuration);
        AddEmail(builder.Services, email);
        AddAlerts(builder.Services);
        // Read even when the jobs are off (the command line, a node that only serves pages): a bad value is refused either way.
        var intervals = JobIntervals.Read(builder.Configuration);
        if (StartupSettings.ReadBool(builder.Configuration, "Jobs:Enabled", true))
        {
            AddJobs(builder, settings, intervals,
                string.IsNullOrWhiteSpace(builder.Configuration["Email:Host"]) ? null : email);
        }
        return builder;
    }

    private static void AddPersistence(IServiceCollection services, StartupSettings settings)
    {
        if (settings.Database.Provider == DatabaseProvider.MySql)
        {
            var version = ServerVersion.Parse(settings.Database.ServerVersion);
            AddContext<MySqlProductivityDbContext>(services, o => o.UseMySql(settings.ConnectionString, version));
        }
        else
        {
            AddContext<SqliteProductivityDbContext>(services, o => o.UseSqlite(settings.ConnectionString));
        }
        services.AddScoped<IdentitySeeder>();
        services.AddHostedService<DatabaseInitializer>();
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : ProductivityDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddScoped<ProductivityDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddSingleton<IDbContextFactory<ProductivityDbContext>>(sp =>
            new ContextFactoryAdapter<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    private static void AddIdentityStore(IServiceCollection services)
    {
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ProductivityDbContext>()
            .AddSignInManager<ProductivitySignInManager>()
            .AddClaimsPrincipalFactory<ProductivityClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
    }

    /// <param name="keyCertificate">DataProtection:CertificatePath, loaded; when set the key ring is encrypted with it at rest
    /// (in the data folder or in Redis), and decrypted with it too, without the machine's certificate store.</param>
    private static void AddCaching(IServiceCollection services, StartupSettings settings, X509Certificate2? keyCertificate)
    {
        if (settings.RedisConnectionString is null)
        {
            services.AddDistributedMemoryCache();
            ProtectKeys(services.AddDataProtection()
                .SetApplicationName("Productivity")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, "keys"))), keyCertificate);
            return;
        }

        services.AddSingleton(new RedisConnection(settings.RedisConnectionString));
        services.AddHostedService<RedisStartupCheck>();
        services.AddSingleton<IDistributedCache>(sp =>
        {
            var redis = sp.GetRequiredService<RedisConnection>();
            var inner = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = "productivity:",
                ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer),
            }));
            return new ResilientDistributedCache(
                inner, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ResilientDistributedCache>>());
        });
        // The key ring lives in Redis so that a cookie issued by one node is accepted by every other node.
        ProtectKeys(services.AddDataProtection().SetApplicationName("Productivity"), keyCertificate);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            var redis = sp.GetRequiredService<RedisConnection>();
            options.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                () => redis.Multiplexer.GetDatabase(), "productivity:data-protection-keys");
        }));
    }

    private static void ProtectKeys(IDataProtectionBuilder dataProtection, X509Certificate2? certificate)
    {
        if (certificate is not null)
        {
            // Also registers the certificate for decryption, so keys written by another node with the same .pfx are read.
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
    }

    private static void AddIntegrations(IServiceCollection services, IConfiguration configuration, StartupSettings settings)
    {
        // Bound and validated whether or not an API key is set, so a bad Connecteam:* value is refused at start-up.
        if (settings.ConnecteamConfigured)
        {
            ConnecteamRegistration.AddConnecteam(services);
        }
        else
        {
            ConnecteamRegistration.AddConnecteamOptions(services);
        }
        if (settings.DemoMode)
        {
            DemoRegistration.AddDemoSources(services);
            return;
        }
        if (!settings.ConnecteamConfigured)
        {
            services.AddSingleton<IConnecteamClient, UnconfiguredConnecteam>();
        }
        if (settings.PodFactoryConfigured)
        {
            PodFactoryRegistration.AddPodFactory(services, configuration);
        }
        else
        {
            services.AddSingleton<IPodFactorySource, UnconfiguredPodFactory>();
        }
    }

    private static void AddSync(IServiceCollection services)
    {
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<SyncPipeline>();
        services.AddScoped<MappingLookup>();
        services.AddScoped<ActivityDays>();
        services.AddScoped<EmployeeSyncService>();
        services.AddScoped<ShiftSyncService>();
        services.AddScoped<ActivitySyncService>();
        services.AddSingleton<ISyncAdministration, SyncAdministration>();
    }

    private static void AddWebhooks(IServiceCollection services)
    {
        services.AddSingleton<WebhookToken>();
        services.AddSingleton<WebhookReadQueue>();
        services.AddSingleton<ConnecteamWebhookReceiver>();
        services.AddSingleton<IWebhookAdministration, WebhookAdministration>();
    }

    private static void AddMappings(IServiceCollection services)
    {
        services.AddSingleton<MappingAdministration>();
        services.AddSingleton<IMappingAdministration>(sp => sp.GetRequiredService<MappingAdministration>());
    }

    // Who may act, checked against the database on every call (AccessCheck, SessionCheck), and the user accounts.
    private static void AddSecurity(IServiceCollection services)
    {
        services.AddSingleton<AccessCheck>();
        services.AddSingleton<SessionCheck>();
        services.AddSingleton<UnknownAccountLockout>();
        services.AddSingleton<UserPreferences>();
        services.AddSingleton<IUserAdministration, UserAdministration>();
    }

    private static void AddRealtime(IServiceCollection services)
    {
        services.AddSingleton(sp => new ScoreUpdateNotifier(
            sp.GetRequiredService<ILogger<ScoreUpdateNotifier>>(), sp.GetService<RedisConnection>(), sp.GetService<DashboardCache>()));
        services.AddHostedService(sp => sp.GetRequiredService<ScoreUpdateNotifier>());
        services.AddSingleton<IScoreUpdateNotifier>(sp => sp.GetRequiredService<ScoreUpdateNotifier>());
        services.AddSingleton<IScoreUpdateFeed>(sp => sp.GetRequiredService<ScoreUpdateNotifier>());
        services.AddSingleton(sp => new AlertNotifier(sp.GetRequiredService<ILogger<AlertNotifier>>(), sp.GetService<RedisConnection>()));
        services.AddHostedService(sp => sp.GetRequiredService<AlertNotifier>());
        services.AddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<AlertNotifier>());
        services.AddSingleton<IAlertFeed>(sp => sp.GetRequiredService<AlertNotifier>());
    }

    private static void AddAlertInbox(IServiceCollection services) =>
        services.AddSingleton<IAlertInbox, AlertInbox>();

    private static void AddScoring(IServiceCollection services)
    {
        services.AddSingleton<ScoreRecalculationService>();
        services.AddSingleton<OpenShiftScoring>();
        services.AddSingleton<RangeRecompute>();
        services.AddSingleton<IRangeRecompute>(sp => sp.GetRequiredService<RangeRecompute>());
        // After DatabaseInitializer (hosted services start in order of registration): the migrations run first.
        services.AddHostedService<AttributionBackfill>();
        services.AddSingleton<ScoreExport>();
        services.AddSingleton<PayRateAdministration>();
        services.AddSingleton<IPayRateAdministration>(sp => sp.GetRequiredService<PayRateAdministration>());
        services.AddSingleton<CostQueries>();
        services.AddSingleton<ICostQueries>(sp => sp.GetRequiredService<CostQueries>());
        services.AddSingleton<CostExport>();
        services.AddSingleton<IScoringRulesService, ScoringRulesService>();
    }

    private static void AddEmployees(IServiceCollection services)
    {
        services.AddSingleton<IEmployeeQueries, EmployeeQueries>();
        services.AddSingleton<IEmployeeDayQueries, EmployeeDayQueries>();
        services.AddSingleton<IEmployeeAdministration, EmployeeAdministration>();
    }

    private static void AddJobs(IHostApplicationBuilder builder, StartupSettings settings, JobIntervals intervals, EmailSchedule? email)
    {
        var schedule = new JobSchedule(settings.SiteTimeZone, intervals,
            connecteam: settings.ConnecteamConfigured || settings.DemoMode, podFactory: settings.PodFactoryConfigured || settings.DemoMode,
            email: email);
        var clustered = settings.Database.Provider == DatabaseProvider.MySql;
        builder.Services.AddSingleton(schedule);
        builder.AddQuartz(quartz =>
        {
            if (clustered)
            {
                ClusteredJobStore.Configure(quartz, settings.ConnectionString);
            }
            schedule.Configure(quartz);
        });
        builder.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        // Both run once the scheduler has started, in this order.
        if (clustered)
        {
            builder.Services.AddHostedService<StoredScheduleReconciler>();
        }
        builder.Services.AddHostedService<MissedRunCatchUp>();
    }

    private static void AddHealthChecks(IServiceCollection services, StartupSettings settings)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"]);
        if (settings.RedisConnectionString is not null)
        {
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, ["ready"]);
        }
    }

    // The audit trail and the data-quality exceptions. Like every service a page calls, singletons: each call opens its own
    // context or scope, so nothing a circuit holds decides access or is saved.
    private static void AddAdministration(IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditQueries, AuditQueries>();
        services.AddSingleton<IExceptionQueries>(sp => sp.GetRequiredService<ExceptionQueries>());
    }

    private static void AddAlerts(IServiceCollection services)
    {
        services.AddSingleton<AlertMailer>();
        services.AddSingleton<AlertEvaluationService>();
        services.AddSingleton<AlertRecomputeTrigger>();
        services.AddHostedService<AlertRecomputeLoop>();
        services.AddSingleton<IAlertRuleAdministration, AlertRuleAdministration>();
    }

    private static void AddFloor(IServiceCollection services)
    {
        services.AddSingleton<DisplayDeviceService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<ApiQueries>();
        services.AddSingleton<IFloorQueries, FloorQueries>();
    }

    // The outbox, its sender, the subscriptions and the summaries. The summaries' wording is Productivity.Web's
    // (ISummaryMailComposer, registered by AddWeb): SummaryReports is built by a factory so that a host without it (the
    // command line) still passes the container's validation; only resolving SummaryReports there would fail.
    private static void AddEmail(IServiceCollection services, EmailSchedule schedule)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton(schedule);
        services.AddSingleton<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<EmailSubscriptions>();
        services.AddSingleton<ExceptionQueries>();
        services.AddSingleton<SummaryReportBuilder>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SummaryReports>(sp));
        services.AddSingleton<IEmailAdministration>(sp => ActivatorUtilities.CreateInstance<EmailAdministration>(sp));
    }

    private static void AddDashboard(IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddMemoryCache();
        services.AddSingleton<DashboardCache>();
        services.AddSingleton<DashboardBuilder>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<IDashboardQueries>(sp => sp.GetRequiredService<DashboardQueries>());
    }
}
