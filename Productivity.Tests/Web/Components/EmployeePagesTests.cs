using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Productivity.Core.Employees;
using Productivity.Core.Security;
using Productivity.Infrastructure.Employees;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Employees;

namespace Productivity.Tests.Web.Components;

public sealed class EmployeePagesTests : ComponentTestBase
{
    private const int AnnId = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IEmployeeQueries _queries = Substitute.For<IEmployeeQueries>();
    private readonly IEmployeeAdministration _administration = Substitute.For<IEmployeeAdministration>();

    public EmployeePagesTests()
    {
        Services.AddSingleton(_queries);
        Services.AddSingleton(_administration);
        _queries.GetAsync(Arg.Any<ClaimsPrincipal>(), AnnId, Arg.Any<CancellationToken>()).Returns(Ann());
        _queries.SearchAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<EmployeeListQuery>(), Arg.Any<CancellationToken>())
            .Returns(new EmployeeListPage(
                [new EmployeeListItem(AnnId, "Ann Linked", "ann@example.test", 1, false, false, 1, 0, false, new DateOnly(2025, 12, 10), AttentionReasons.None)],
                1));
    }

    [Fact]
    public void EmployeesPage_Row_LinksTheNameToTheEmployeePageAndTheLastDayToItsDayPage()
    {
        SignIn(Roles.Lead);

        var cut = RenderWithProviders<EmployeesPage>();

        cut.WaitForAssertion(() => cut.Find($"[data-testid=employee-link-{AnnId}]").GetAttribute("href").ShouldBe($"/employees/{AnnId}"), Timeout);
        cut.Find($"a[href='/employees/{AnnId}/days/2025-12-10']").TextContent.ShouldBe("2025-12-10");
    }

    [Fact]
    public void EmployeesPage_NeedsAttention_SearchesWithThatFilter()
    {
        SignIn(Roles.Lead);
        var cut = RenderWithProviders<EmployeesPage>();
        cut.WaitForElement($"[data-testid=employee-link-{AnnId}]", Timeout);

        cut.FindAll("[data-testid=employee-filter] .mud-toggle-item").Single(b => b.TextContent.Contains("Needs attention", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => _queries.Received().SearchAsync(
            Arg.Any<ClaimsPrincipal>(), Arg.Is<EmployeeListQuery>(q => q.Filter == EmployeeFilter.NeedsAttention), Arg.Any<CancellationToken>()), Timeout);
    }

    [Fact]
    public void EmployeePage_Lead_SeesNoChangeButtons()
    {
        SignIn(Roles.Lead);

        var cut = RenderEmployeePage();

        cut.WaitForElement("[data-testid=employee-name]", Timeout);
        cut.FindAll("[data-testid=toggle-archived]").ShouldBeEmpty();
        cut.FindAll("[data-testid=email-add]").ShouldBeEmpty();
        cut.FindAll("[data-testid=email-remove]").ShouldBeEmpty();
        cut.Find("[data-testid=day-link-2025-12-10]").GetAttribute("href").ShouldBe($"/employees/{AnnId}/days/2025-12-10");
    }

    [Fact]
    public void EmployeePage_AdminArchives_CallsTheServiceAsThatAdmin()
    {
        SignIn(Roles.Admin);
        var cut = RenderEmployeePage();

        cut.WaitForElement("[data-testid=toggle-archived]", Timeout).Click();

        cut.WaitForAssertion(() => _administration.Received(1).SetArchivedAsync(
            Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == "user@example.test"), AnnId, true, Arg.Any<CancellationToken>()), Timeout);
    }

    [Fact]
    public void EmployeePage_AdminAddsEmail_CallsTheServiceWithIt()
    {
        SignIn(Roles.Admin);
        var cut = RenderEmployeePage();

        cut.WaitForElement("[data-testid=email-input]", Timeout).Change("ann.pod@example.test");
        cut.WaitForAssertion(() => cut.Find("[data-testid=email-add]").HasAttribute("disabled").ShouldBeFalse(), Timeout);
        cut.Find("[data-testid=email-add]").Click();

        cut.WaitForAssertion(() => _administration.Received(1).AddEmailAsync(
            Arg.Any<ClaimsPrincipal>(), AnnId, "ann.pod@example.test", Arg.Any<CancellationToken>()), Timeout);
    }

    [Fact]
    public void EmployeePage_ServiceRefuses_ShowsTheMessage()
    {
        SignIn(Roles.Admin);
        _administration.SetArchivedAsync(Arg.Any<ClaimsPrincipal>(), AnnId, true, Arg.Any<CancellationToken>())
            .ThrowsAsync(new AccessDeniedException(AccessDenial.RoleRequired, [Roles.Admin]));
        var cut = RenderEmployeePage();

        cut.WaitForElement("[data-testid=toggle-archived]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent.ShouldContain("Only Admin may do this."), Timeout);
    }

    [Fact]
    public void EmployeePage_UnknownEmployee_ShowsNotFound()
    {
        SignIn(Roles.Lead);

        var cut = RenderEmployeePage(4242);

        cut.WaitForElement("[data-testid=employee-not-found]", Timeout);
    }

    private void SignIn(string role)
    {
        AddAuthorization().SetAuthorized("user@example.test").SetRoles(role);
        // Set after the services: it builds the renderer.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<ContainerFragment> RenderEmployeePage(int id = AnnId) =>
        RenderWithProviders<EmployeePage>(new Dictionary<string, object?> { [nameof(EmployeePage.Id)] = id });

    private static EmployeeDetails Ann() => new()
    {
        Id = AnnId,
        Name = "Ann Linked",
        Email = "ann@example.test",
        ConnecteamUserId = 1,
        IsArchived = false,
        IsContractor = false,
        IsClockedIn = false,
        Attention = AttentionReasons.None,
        Emails = [new EmployeeEmailView(1, "ann@pod.example.test", true, MappingSources.Manual, new DateTime(2025, 12, 1), null, "admin")],
        ConnecteamSuggestions = [],
        EmailSuggestions = [],
        RecentDays = [new RecentDay(new DateOnly(2025, 12, 10), 322, 483, 1, 1.0063)],
    };
}
