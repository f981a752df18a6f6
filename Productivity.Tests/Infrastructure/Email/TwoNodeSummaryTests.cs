using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Reports;
using Productivity.Core.Security;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Reports;
using Productivity.Tests.TestSupport;
using Productivity.Web.Email;
using Quartz;

namespace Productivity.Tests.Infrastructure.Email;

/// <summary>
/// Two job nodes on one MariaDB database (the clustered Quartz store) and one SMTP server: a summary firing sends one
/// e-mail per subscriber, not one per node, and two nodes running the same firing at once queue it once.
/// </summary>
[Trait("Category", "MySql")]
public sealed class TwoNodeSummaryTests : IAsyncLifetime
{
    private MySqlTestDatabase _database = null!;
    private TestSmtpServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _smtp = TestSmtpServer.Start();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TwoJobNodes_SendTheMissedDailySummaryOnce()
    {
        // The schema and a subscribed Manager first (as a deployment's first node), with e-mail on but no schedules.
        string managerEmail;
        await using (var first = await StartNodeAsync(jobs: false))
        {
            var manager = await AdminTestData.UserAsync(first.Services, Roles.Manager);
            managerEmail = manager.FindFirstValue(ClaimTypes.Email)!;
            await first.Services.GetRequiredService<EmailSubscriptions>().SetAsync(manager, EmailTopics.DailySummary, true);
        }

        // Two nodes start together on a store whose summary triggers have never fired: the start-up catch-up of the
        // daily summary is scheduled once between them (its name derives from the missed time), and it runs on one node.
        var nodes = new[]
        {
            await StartNodeAsync(jobs: true, schedulerDelay: TimeSpan.FromSeconds(3)),
            await StartNodeAsync(jobs: true, schedulerDelay: TimeSpan.FromSeconds(2)),
        };
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (_smtp.Received.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            // Long enough for a second node's duplicate to be queued and sent (the sender runs every second).
            await Task.Delay(TimeSpan.FromSeconds(4));

            var received = _smtp.Received.ShouldHaveSingleItem();
            received.Envelope.ShouldBe([managerEmail]);
            received.Message.Subject.ShouldStartWith("Productivity: daily summary for ");
            await using var db = await Contexts(nodes[0]).CreateDbContextAsync();
            (await db.EmailOutbox.CountAsync()).ShouldBe(1);
            // Both nodes have the job, and the stored trigger is one.
            foreach (var node in nodes)
            {
                var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
                (await scheduler.GetTrigger(new TriggerKey(nameof(Productivity.Infrastructure.Jobs.DailySummaryJob)))).ShouldNotBeNull();
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TwoNodesRunningOneFiringAtOnce_QueueOneEmailPerSubscriber()
    {
        await using var a = await StartNodeAsync(jobs: false);
        await using var b = await StartNodeAsync(jobs: false);
        for (var i = 0; i < 3; i++)
        {
            var manager = await AdminTestData.UserAsync(a.Services, Roles.Manager);
            await a.Services.GetRequiredService<EmailSubscriptions>().SetAsync(manager, EmailTopics.DailySummary, true);
        }
        var firing = new DateTime(2026, 3, 9, 11, 0, 0, DateTimeKind.Utc);

        var queued = await Task.WhenAll(
            a.Services.GetRequiredService<SummaryReports>().RunScheduledAsync(SummaryKind.Daily, firing),
            b.Services.GetRequiredService<SummaryReports>().RunScheduledAsync(SummaryKind.Daily, firing));

        queued.Sum().ShouldBe(3);
        await using var db = await Contexts(a).CreateDbContextAsync();
        var keys = await db.EmailOutbox.Select(m => m.DeduplicationKey).ToListAsync();
        keys.Count.ShouldBe(3);
        keys.ShouldAllBe(k => k!.StartsWith("summary:daily:2026-03-08:"));
        keys.Distinct().Count().ShouldBe(3);
    }

    private static IDbContextFactory<ProductivityDbContext> Contexts(TestHost node) =>
        node.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>();

    private Task<TestHost> StartNodeAsync(bool jobs, TimeSpan? schedulerDelay = null)
    {
        var settings = _smtp.Settings();
        settings["Jobs:Enabled"] = jobs ? "true" : "false";
        settings["Email:SendIntervalSeconds"] = "1";
        return TestHost.StartAsync("MySql", settings, services =>
        {
            services.AddSingleton<ISummaryMailComposer, SummaryMailComposer>();
            if (schedulerDelay is { } delay)
            {
                services.Configure<QuartzHostedServiceOptions>(o => o.StartDelay = delay);
            }
        }, sharedDatabase: _database);
    }
}
