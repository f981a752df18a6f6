using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Faults;

/// <summary>The app's configuration, schema, people and command-line runs shared by the source-fault scenarios.</summary>
internal static class FaultApp
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Admin-Password-2025!";

    public static Dictionary<string, string> Settings(string database, string? podFactory, bool jobs, int podFactorySeconds = 10,
        IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "MySql",
            ["Database__ServerVersion"] = TestEnvironment.MySqlServerVersion,
            ["ConnectionStrings__Productivity"] = database,
            ["Seed__AdminEmail"] = AdminEmail,
            ["Seed__AdminPassword"] = AdminPassword,
            ["Jobs__Enabled"] = jobs ? "true" : "false",
            ["Jobs__PodFactorySyncSeconds"] = podFactorySeconds.ToString(CultureInfo.InvariantCulture),
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        if (podFactory is not null)
        {
            settings["ConnectionStrings__PodFactory"] = podFactory;
        }
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>The schema, as the app's start-up would create it, so people can be added before the first sync.</summary>
    public static async Task ApplyMigrationsAsync(IReadOnlyDictionary<string, string> settings)
    {
        await using var db = Context(settings["ConnectionStrings__Productivity"]);
        await db.Database.MigrateAsync();
    }

    /// <summary>One employee per e-mail, each with a verified mapping, in the given order (so ids match across databases).</summary>
    public static async Task AddMappedEmployeesAsync(string database, IEnumerable<string> emails)
    {
        await using var db = Context(database);
        var now = DateTime.UtcNow;
        foreach (var email in emails)
        {
            var employee = new Employee { Name = email.Split('@')[0], Email = email, CreatedUtc = now, UpdatedUtc = now };
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            db.EmployeeEmails.Add(new EmployeeEmail
            {
                EmployeeId = employee.Id, Email = email, IsVerified = true, Source = MappingSources.Manual, CreatedUtc = now, VerifiedUtc = now,
            });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// A fault-free run of the same input: the site's Infrastructure composition in this process (as the command line
    /// runs it) on <paramref name="database"/>, with the sources in <paramref name="sources"/> (colon keys); no schedule.
    /// </summary>
    public static async Task RunInProcessAsync(MySqlTestDatabase database, IDictionary<string, string?> sources,
        Func<SyncPipeline, Task<SyncRunResult>> run)
    {
        await using var host = await TestHost.StartAsync("MySql", sources, sharedDatabase: database);
        var result = await run(host.Services.GetRequiredService<SyncPipeline>());
        result.Failure.ShouldBeNull();
    }

    /// <summary>Every stored score row but its id and timestamps: two databases fed the same input must agree on them.</summary>
    public static Task<List<string>> ScoreRowsAsync(string database) => FaultProbe.RowsAsync(database,
        "SELECT EmployeeId, BusinessDay, Items, Points, ClockedMinutes, ActiveMinutes, IdleMinutes, Utilization, StandardMinutes, Performance, PrimaryRole FROM daily_scores ORDER BY EmployeeId, BusinessDay");

    /// <summary>Every stored activity but its id and timestamps.</summary>
    public static Task<List<string>> ActivityRowsAsync(string database) => FaultProbe.RowsAsync(database,
        "SELECT PodFactoryId, EmployeeId, Email, UserRole, Action, ItemsCount, WindowStartUtc, WindowEndUtc, SourceCreatedUtc, BusinessDay, SessionId FROM activities ORDER BY PodFactoryId");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static MySqlProductivityDbContext Context(string database) =>
        new(new DbContextOptionsBuilder<MySqlProductivityDbContext>()
            .UseMySql(database, ServerVersion.Parse(TestEnvironment.MySqlServerVersion)).Options);
}
