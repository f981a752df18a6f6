using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.TestSupport.AdminTestData;

namespace Productivity.Tests.Infrastructure.Auditing;

public sealed class AuditQueriesTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Search_FiltersByPersonKindAndSiteLocalDays_NewestFirst(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await EntriesAsync(host,
            ("ann@example.test", AuditKinds.Role, new DateTime(2025, 12, 10, 5, 59, 0, DateTimeKind.Utc)),
            ("ann@example.test", AuditKinds.Role, new DateTime(2025, 12, 10, 6, 0, 0, DateTimeKind.Utc)),
            ("ann@example.test", AuditKinds.Mapping, new DateTime(2025, 12, 11, 5, 59, 0, DateTimeKind.Utc)),
            ("bob@example.test", AuditKinds.Role, new DateTime(2025, 12, 10, 12, 0, 0, DateTimeKind.Utc)));
        await using var scope = host.CreateScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();
        var admin = await AdminAsync(scope.ServiceProvider);

        var dec10 = await audit.SearchAsync(admin, new AuditQuery(null, null, Day, Day, 0, 10));
        var annRoles = await audit.SearchAsync(admin, new AuditQuery("ANN", AuditKinds.Role, null, null, 0, 10));
        var paged = await audit.SearchAsync(admin, new AuditQuery(null, null, null, null, 1, 3));

        dec10.Items.Select(e => e.OccurredUtc.Hour).ShouldBe([5, 12, 6]);
        dec10.Items[0].OccurredUtc.Day.ShouldBe(11);
        annRoles.Items.Select(e => e.OccurredUtc.Hour).ShouldBe([6, 5]);
        paged.TotalCount.ShouldBe(4);
        paged.Items.ShouldHaveSingleItem().OccurredUtc.ShouldBe(new DateTime(2025, 12, 10, 5, 59, 0, DateTimeKind.Utc));
    }

    private static async Task EntriesAsync(TestHost host, params (string Actor, string Kind, DateTime OccurredUtc)[] entries)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        foreach (var (actor, kind, occurred) in entries)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredUtc = occurred, ActorName = actor, Kind = kind, TargetId = "t", Action = "Updated", OldValue = "a", NewValue = "b",
            });
        }
        await db.SaveChangesAsync();
    }
}
