using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Exceptions;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.TestSupport.AdminTestData;

namespace Productivity.Tests.Infrastructure.Exceptions;

public sealed class ExceptionQueriesTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Search_ListsUnmappedEmailsThenFindingsNewestFirst_FilteredAndPaged(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ana = await EmployeeAsync(host, "Ana Lopez");
        await PendingAsync(host, "jgonzales@podfactory.test", "Jose Gonzales", windows: 3, itemsPerWindow: 4);
        await FindingsAsync(host, ana,
            (Day.AddDays(-1), DataQualityIssue.ShiftWithoutProduction),
            (Day, DataQualityIssue.ProductionOutsideSession),
            (Day, DataQualityIssue.UnknownAction),
            (Day.AddDays(1), DataQualityIssue.ProductionOutsideSession));
        await using var scope = host.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<IExceptionQueries>();
        var admin = await AdminAsync(scope.ServiceProvider);

        var all = await queries.SearchAsync(admin, new ExceptionQuery(null, null, null, 0, 10));
        var secondPage = await queries.SearchAsync(admin, new ExceptionQuery(null, null, null, 1, 2));
        var outside = await queries.SearchAsync(admin, new ExceptionQuery(Day, Day.AddDays(5), nameof(DataQualityIssue.ProductionOutsideSession), 0, 10));
        var unmappedLater = await queries.SearchAsync(admin, new ExceptionQuery(Day.AddDays(1), null, ExceptionKinds.UnmappedEmail, 0, 10));

        all.TotalCount.ShouldBe(5);
        all.Items.Select(i => (i.Kind, i.Day)).ShouldBe(
        [
            (ExceptionKinds.UnmappedEmail, Day),
            (nameof(DataQualityIssue.ProductionOutsideSession), Day.AddDays(1)),
            (nameof(DataQualityIssue.ProductionOutsideSession), Day),
            (nameof(DataQualityIssue.UnknownAction), Day),
            (nameof(DataQualityIssue.ShiftWithoutProduction), Day.AddDays(-1)),
        ]);
        all.Items[0].Subject.ShouldBe("jgonzales@podfactory.test");
        all.Items[0].Items.ShouldBe(12);
        all.Items[0].EmployeeId.ShouldBeNull();
        all.Items[1].Name.ShouldBe("Ana Lopez");
        secondPage.Items.Select(i => (i.Kind, i.Day)).ShouldBe(all.Items.Skip(2).Take(2).Select(i => (i.Kind, i.Day)));
        outside.TotalCount.ShouldBe(2);
        outside.Items.ShouldAllBe(i => i.EmployeeId == ana && i.Kind == nameof(DataQualityIssue.ProductionOutsideSession));
        unmappedLater.TotalCount.ShouldBe(0);
    }

    private static async Task FindingsAsync(TestHost host, int employeeId, params (DateOnly Day, DataQualityIssue Issue)[] findings)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        foreach (var (day, issue) in findings)
        {
            var start = day.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc);
            db.DataQuality.Add(new DataQualityRecord
            {
                EmployeeId = employeeId, BusinessDay = day, Issue = issue, Subject = "w1", Items = 3, StartUtc = start, EndUtc = start.AddMinutes(10),
            });
        }
        await db.SaveChangesAsync();
    }
}
