using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.TimeClock;
using Productivity.Tests.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Employees;

public sealed class EmployeeQueriesTests
{
    // 2025-12-10 13:00 in Chicago.
    private static readonly DateTime Now = new(2025, 12, 10, 19, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    [Theory]
    [InlineData("Sqlite", EmployeeFilter.Active, new[] { "Ann Linked", "Bob Unlinked", "Cat Contractor", "Dan Awaiting", "Eve Clocked" })]
    [InlineData("Sqlite", EmployeeFilter.Archived, new[] { "Fay Archived" })]
    [InlineData("Sqlite", EmployeeFilter.NeedsAttention, new[] { "Bob Unlinked", "Dan Awaiting", "Eve Clocked" })]
    [InlineData("Sqlite", EmployeeFilter.All, new[] { "Ann Linked", "Bob Unlinked", "Cat Contractor", "Dan Awaiting", "Eve Clocked", "Fay Archived" })]
    [InlineData("MySql", EmployeeFilter.NeedsAttention, new[] { "Bob Unlinked", "Dan Awaiting", "Eve Clocked" })]
    public async Task Search_Filter_ListsTheMatchingEmployees(string provider, EmployeeFilter filter, string[] expected)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Now);
        await SeedFloorAsync(context);

        var page = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery(null, filter, 0, 50));

        page.Items.Select(e => e.Name).ShouldBe(expected);
        page.TotalCount.ShouldBe(expected.Length);
    }

    [Fact]
    public async Task Search_NeedsAttention_SaysWhy()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", Now);
        await SeedFloorAsync(context);

        var page = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery(null, EmployeeFilter.NeedsAttention, 0, 50));

        page.Items.Select(e => e.Attention).ShouldBe(
            [AttentionReasons.NoConnecteamLink, AttentionReasons.EmailAwaitingVerification, AttentionReasons.ClockedInWithoutMapping]);
        page.Items.Single(e => e.Name == "Eve Clocked").IsClockedIn.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task ClockedIn_OpenShiftPastTheStoredCap_IsFalse(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Now);
        await SeedFloorAsync(context);
        // Eve clocked in 5 hours ago and is still in under the default 16-hour cap.
        await context.QueryAsync(db => StoredScoringSettings.SetOpenShiftCapAsync(db, 4));

        var page = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery("Eve", EmployeeFilter.All, 0, 50));
        var details = await Queries(context).GetAsync(await TestPrincipals.LeadAsync(context.Host.Services), page.Items.Single().Id);

        page.Items.Single().IsClockedIn.ShouldBeFalse();
        details.ShouldNotBeNull().IsClockedIn.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Search_Term_MatchesNameOrEmailIgnoringCase(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Now);
        await SeedFloorAsync(context);

        var byName = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery("dAN", EmployeeFilter.All, 0, 50));
        var byEmail = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery("EVE@", EmployeeFilter.All, 0, 50));

        byName.Items.Select(e => e.Name).ShouldBe(["Dan Awaiting"]);
        byEmail.Items.Select(e => e.Name).ShouldBe(["Eve Clocked"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Search_ScoredEmployee_ShowsTheLastScoredDay(string provider)
    {
        await using var context = await ScoringTestContext.StartAsync(provider, Now);
        await SeedFloorAsync(context);

        var page = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery(null, EmployeeFilter.Active, 0, 50));

        page.Items.Select(e => e.LastScoredDay).ShouldBe([Dec10, null, null, null, null]);
        page.Items[0].IsClockedIn.ShouldBeFalse();
    }

    [Fact]
    public async Task Search_SecondPage_SkipsTheFirst()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", Now);
        await SeedFloorAsync(context);

        var page = await Queries(context).SearchAsync(await TestPrincipals.LeadAsync(context.Host.Services), new EmployeeListQuery(null, EmployeeFilter.All, 1, 2, Descending: true));

        page.Items.Select(e => e.Name).ShouldBe(["Dan Awaiting", "Cat Contractor"]);
        page.TotalCount.ShouldBe(6);
    }

    [Fact]
    public async Task Get_UnlinkedEmployee_RanksLinkedEmployeesWithSimilarNames()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", Now);
        var jon = await AddAsync(context, "Jon Smith", null);
        await AddAsync(context, "John Smith", 11);
        await AddAsync(context, "Zed Quarry", 12);

        var details = (await Queries(context).GetAsync(await TestPrincipals.LeadAsync(context.Host.Services), jon))!;

        var suggestion = details.ConnecteamSuggestions.ShouldHaveSingleItem();
        (suggestion.Name, suggestion.ConnecteamUserId, suggestion.Rank).ShouldBe(("John Smith", 11L, "likely"));
        details.Attention.ShouldBe(AttentionReasons.NoConnecteamLink);
    }

    [Fact]
    public async Task Get_Employee_SuggestsPendingEmailsWithASimilarPodFactoryName()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", Now);
        var maria = await AddAsync(context, "Maria Lopez", 21);
        await context.QueryAsync(db =>
        {
            db.PendingMappings.Add(new PendingMapping { Email = "mlopez@pod.test", PodFactoryName = "Maria Lopez", Status = PendingMappingStatus.Pending });
            db.PendingMappings.Add(new PendingMapping { Email = "xq@pod.test", PodFactoryName = "Xavier Quill", Status = PendingMappingStatus.Pending });
            return db.SaveChangesAsync();
        });

        var details = (await Queries(context).GetAsync(await TestPrincipals.LeadAsync(context.Host.Services), maria))!;

        details.EmailSuggestions.Select(s => (s.Email, s.Rank)).ShouldBe([("mlopez@pod.test", "likely")]);
        details.ConnecteamSuggestions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_UnknownEmployee_ReturnsNull()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", Now);

        (await Queries(context).GetAsync(await TestPrincipals.LeadAsync(context.Host.Services), 4242)).ShouldBeNull();
    }

    [Fact]
    public async Task Search_CallerWithoutARole_IsRefused()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", Now);

        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            Queries(context).SearchAsync(TestPrincipals.NoRole, new EmployeeListQuery(null, EmployeeFilter.All, 0, 10)));
    }

    private static IEmployeeQueries Queries(ScoringTestContext context) => context.Host.Services.GetRequiredService<IEmployeeQueries>();

    private static async Task SeedFloorAsync(ScoringTestContext context)
    {
        var ann = await AddAsync(context, "Ann Linked", 1);
        await AddAsync(context, "Bob Unlinked", null);
        await AddAsync(context, "Cat Contractor", null, contractor: true);
        var dan = await AddAsync(context, "Dan Awaiting", 4);
        var eve = await AddAsync(context, "Eve Clocked", 5);
        await AddAsync(context, "Fay Archived", null, archived: true);
        await context.QueryAsync(db =>
        {
            db.EmployeeEmails.Add(new EmployeeEmail { EmployeeId = ann, Email = "ann@pod.test", IsVerified = true, Source = MappingSources.Manual });
            db.EmployeeEmails.Add(new EmployeeEmail { EmployeeId = dan, Email = "dan@pod.test", IsVerified = false, Source = MappingSources.Manual });
            db.Shifts.Add(new Shift
            {
                EmployeeId = eve,
                ClockId = 1,
                ConnecteamShiftId = "open",
                ClockInUtc = Now.AddHours(-5),
                BusinessDay = new DateOnly(2025, 12, 10),
            });
            return db.SaveChangesAsync();
        });
        // A closed shift does not make Ann "clocked in"; its score gives her a last scored day.
        await context.AddInputsAsync(ann, [new ScoringShift("closed", Now.AddHours(-8), Now.AddHours(-1), [])], []);
        await context.Scoring.RecalculateAsync([new EmployeeDay(ann, Dec10)]);
    }

    private static Task<int> AddAsync(ScoringTestContext context, string name, long? connecteamUserId, bool contractor = false, bool archived = false) =>
        context.QueryAsync(async db =>
        {
            var employee = new Employee
            {
                Name = name,
                Email = $"{name.Split(' ')[0].ToLowerInvariant()}@example.test",
                ConnecteamUserId = connecteamUserId,
                IsContractor = contractor,
                IsArchived = archived,
            };
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            return employee.Id;
        });
}
