using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Roles;

namespace Productivity.Tests.Web.Components;

public sealed class RolesPageTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IScoringRulesService _rules = Substitute.For<IScoringRulesService>();
    private readonly IRangeRecompute _recomputes = Substitute.For<IRangeRecompute>();

    public RolesPageTests()
    {
        Services.AddSingleton(_rules);
        Services.AddSingleton(_recomputes);
        AddAuthorization().SetAuthorized("admin@example.test").SetRoles(Roles.Admin);
        _rules.RolesAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(DefaultRoles.All);
        _rules.ParametersAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(ScoringParameters.Default);
        _recomputes.TasksAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns([]);
    }

    [Fact]
    public void EditRole_BeforeSaving_ShowsHowManyEmployeeDaysWillBeRecomputed()
    {
        _rules.DaysAffectedByRoleAsync(Arg.Any<ClaimsPrincipal>(), "Picking", Arg.Any<CancellationToken>()).Returns(42);
        var cut = RenderWithProviders<RolesPage>();

        cut.WaitForElement("[data-testid=edit-Picking]", Timeout).Click();
        cut.WaitForElement("[data-testid=role-expected]", Timeout).Change("210");
        cut.Find("[data-testid=role-save]").Click();

        cut.WaitForAssertion(() => Text(cut.Find(".mud-dialog")).ShouldContain("Saving recomputes 42 employee-days that use 'Picking'"), Timeout);
        _rules.DidNotReceive().SaveRoleAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<RoleDefinition>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void EditRole_Confirmed_SavesTheEditedRoleAndShowsTheRecompute()
    {
        _rules.DaysAffectedByRoleAsync(Arg.Any<ClaimsPrincipal>(), "Picking", Arg.Any<CancellationToken>()).Returns(42);
        var task = new RecomputeTask(new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 10), "admin@example.test", RecomputeReason.RoleEdited, DateTime.UtcNow, "Picking")
        {
            DaysTotal = 10,
            DaysDone = 4,
        };
        _rules.SaveRoleAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<RoleDefinition>(), Arg.Any<CancellationToken>()).Returns(task);
        var cut = RenderWithProviders<RolesPage>();
        cut.WaitForElement("[data-testid=edit-Picking]", Timeout).Click();
        cut.WaitForElement("[data-testid=role-expected]", Timeout).Change("210");

        cut.Find("[data-testid=role-save]").Click();
        cut.WaitForAssertion(() => DialogButton(cut, "Save").ShouldNotBeNull(), Timeout);
        DialogButton(cut, "Save")!.Click();

        cut.WaitForAssertion(() => _rules.Received(1).SaveRoleAsync(Arg.Any<ClaimsPrincipal>(),
            new RoleDefinition("Picking", "Picker", "Picking", RoleKind.Batch, 210, null, 0.3), Arg.Any<CancellationToken>()), Timeout);
        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=recompute-counts]")).ShouldStartWith("4 / 10 days"), Timeout);
        Text(cut.Find("[data-testid=recompute-status]")).ShouldBe("Running");
        Text(cut.Find("[data-testid=recompute-progress]")).ShouldContain("(role 'Picking' edited, by admin@example.test)");
    }

    [Fact]
    public void SaveParameters_BeforeSaving_ShowsTheStoredScoreRowsThatWillBeRecomputed()
    {
        _rules.ScoreRowsAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(1234);
        var cut = RenderWithProviders<RolesPage>();

        cut.WaitForElement("[data-testid=param-start]", Timeout).Change("20");

        cut.Find("[data-testid=param-save]").Click();

        cut.WaitForAssertion(() => Text(cut.Find(".mud-dialog")).ShouldContain("recomputes all 1234 stored employee-days"), Timeout);
        _rules.DidNotReceive().SaveParametersAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<ScoringParameters>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void SaveParameters_Unchanged_SavesNothing()
    {
        var cut = RenderWithProviders<RolesPage>();

        cut.WaitForElement("[data-testid=param-save]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent.ShouldContain("Nothing changed."), Timeout);
        _rules.DidNotReceive().SaveParametersAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<ScoringParameters>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void RunningRecompute_Cancel_CancelsThatTask()
    {
        var task = new RecomputeTask(new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 10), "admin@example.test", RecomputeReason.ParametersEdited, DateTime.UtcNow);
        _recomputes.TasksAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns([task]);
        var cut = RenderWithProviders<RolesPage>();

        cut.WaitForElement("[data-testid=recompute-cancel]", Timeout).Click();

        cut.WaitForAssertion(() => _recomputes.Received(1).CancelAsync(Arg.Any<ClaimsPrincipal>(), task.Id, Arg.Any<CancellationToken>()), Timeout);
    }

    private static IElement? DialogButton(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll(".mud-dialog button").LastOrDefault(b => Text(b) == text);

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
