using Productivity.Infrastructure.Sync;
using Productivity.Web.Components.Shared;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Productivity.Core.Integrations;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Mappings;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Mappings;

namespace Productivity.Tests.Web.Components;

public sealed class MappingsPageTests : ComponentTestBase
{
    private const string AdminName = "admin@example.test";
    private const string Katie = "katie.nguyen@podfactory.test";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IMappingAdministration _mappings = Substitute.For<IMappingAdministration>();

    public MappingsPageTests()
    {
        Services.AddSingleton(_mappings);
        Services.AddSingleton(new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
        AddAuthorization().SetAuthorized(AdminName).SetRoles(Roles.Admin);
        _mappings.EmployeesAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>())
            .Returns([new EmployeeChoice(19, "Kathryn Nguyen", null), new EmployeeChoice(17, "Emily Nguyen", null), new EmployeeChoice(2, "Marcus Johnson", null)]);
        _mappings.PendingAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(
        [
            new PendingMappingView(Katie, "Katie Nguyen", new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Utc),
                new DateTime(2025, 12, 10, 20, 30, 0, DateTimeKind.Utc), 41,
                [new MappingSuggestion(19, "Kathryn Nguyen", 0.7, "likely"), new MappingSuggestion(17, "Emily Nguyen", 0.56, "likely")]),
        ]);
    }

    [Fact]
    public void Render_PendingEmail_ShowsItsRowsSiteLocalTimesAndSuggestionsBestFirst()
    {
        var cut = RenderWithProviders<MappingsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=suggestion]").Select(c => Text(c))
            .ShouldBe(["Kathryn Nguyen · likely", "Emily Nguyen · likely"]), Timeout);
        var row = cut.Find("[data-testid=pending-mappings] tbody tr");
        Text(row.QuerySelector("td[data-label='Rows']")!).ShouldBe("41");
        Text(row.QuerySelector("td[data-label='First seen']")!).ShouldBe("2025-12-10 08:00");
        Text(cut.Find($"[data-testid='approve-{Katie}']")).ShouldBe("Approve → Kathryn Nguyen");
    }

    [Fact]
    public void Approve_Suggested_ApprovesTheBestSuggestionAndReportsTheRecompute()
    {
        _mappings.ApproveAsync(Arg.Any<ClaimsPrincipal>(), Katie, 19, Arg.Any<CancellationToken>())
            .Returns(new MappingApproval(Katie, 19, "Kathryn Nguyen", 41, 3));
        var cut = RenderWithProviders<MappingsPage>();

        cut.WaitForElement($"[data-testid='approve-{Katie}']", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent
            .ShouldContain("credited to Kathryn Nguyen: 41 rows, 3 employee-days recomputed."), Timeout);
        _mappings.Received(1).ApproveAsync(Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == AdminName), Katie, 19, Arg.Any<CancellationToken>());
        _mappings.Received(2).PendingAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Reject_Confirmed_RejectsTheEmail()
    {
        var cut = RenderWithProviders<MappingsPage>();

        cut.WaitForElement($"[data-testid='reject-{Katie}']", Timeout).Click();
        cut.WaitForAssertion(() => DialogButton(cut, "Reject").ShouldNotBeNull(), Timeout);
        DialogButton(cut, "Reject")!.Click();

        cut.WaitForAssertion(() => _mappings.Received(1).RejectAsync(Arg.Any<ClaimsPrincipal>(), Katie, Arg.Any<CancellationToken>()), Timeout);
        _mappings.DidNotReceive().ApproveAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<string>(), Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void ImportCsv_Upload_PassesTheFileAndShowsAppliedAndRejectedLines()
    {
        string? received = null;
        _mappings.ImportCsvAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<Stream>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            received = new StreamReader(call.ArgAt<Stream>(1)).ReadToEnd();
            return new CsvImport(7, 2, 1, 1, [new RejectedRow("csv", "line 3", "no employee has Connecteam user id 5")], null);
        });
        var cut = RenderWithProviders<MappingsPage>();
        cut.WaitForElement("[data-testid=pending-mappings]", Timeout);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("email,connecteam_user_id\na@x.test,1\nb@x.test,5\n", "mappings.csv"));

        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=import-result]")).ShouldContain("2 lines read, 1 applied, 1 rejected"), Timeout);
        Text(cut.Find("[data-testid=import-rejected]")).ShouldBe("line 3no employee has Connecteam user id 5");
        received.ShouldBe("email,connecteam_user_id\na@x.test,1\nb@x.test,5\n");
    }

    [Fact]
    public void ImportResult_ManyRejectedLines_ShowsTheKeptRowsAndHowManyMore()
    {
        var rejected = Enumerable.Range(1, 200).Select(n => new RejectedRow("csv", $"line {n}", "expected two columns: email,connecteam_user_id")).ToList();

        var cut = Render<CsvImportResult>(p => p.Add(x => x.Import, new CsvImport(8, 500_002, 2, 500_000, rejected, null)));

        Text(cut.Find("[data-testid=import-result]")).ShouldContain("500002 lines read, 2 applied, 500000 rejected.");
        cut.FindAll("[data-testid=import-rejected]").Count.ShouldBe(200);
        Text(cut.Find("[data-testid=import-rejected-more]")).ShouldBe("… and 499800 more rejected lines.");
    }

    [Fact]
    public void ImportResult_AllRejectedLinesKept_ShowsNoMore()
    {
        var cut = Render<CsvImportResult>(p => p.Add(x => x.Import,
            new CsvImport(8, 2, 1, 1, [new RejectedRow("csv", "line 3", "no employee has Connecteam user id 5")], null)));

        cut.FindAll("[data-testid=import-rejected]").Count.ShouldBe(1);
        cut.FindAll("[data-testid=import-rejected-more]").ShouldBeEmpty();
    }

    [Fact]
    public void Suggest_RanksByDiceBestFirstAndDropsDissimilarNames()
    {
        var suggestions = MappingAdministration.Suggest("Katie Nguyen",
            [new EmployeeChoice(1, "Marcus Johnson", null), new EmployeeChoice(2, "Emily Nguyen", null), new EmployeeChoice(3, "Kathryn Nguyen", null)]);

        suggestions.Select(s => s.EmployeeId).ShouldBe([3, 2]);
        suggestions.Select(s => s.Rank).ShouldBe(["likely", "likely"]);
        suggestions[0].Score.ShouldBe(0.7);
    }

    private static IElement? DialogButton(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll(".mud-dialog button").SingleOrDefault(b => Text(b) == text);

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
