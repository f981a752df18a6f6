using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Productivity.Core.Alerts;
using Productivity.Core.Security;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Alerts;

namespace Productivity.Tests.Web.Components;

public sealed class AlertsPageTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IAlertRuleAdministration _rules = Substitute.For<IAlertRuleAdministration>();

    public AlertsPageTests()
    {
        Services.AddSingleton(_rules);
        AddAuthorization().SetAuthorized("admin@example.test").SetRoles(Roles.Admin);
        _rules.RulesAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(_ => AlertRuleDefaults.All);
    }

    [Fact]
    public void EveryRule_HasACard_WithTheThresholdsItsKindUses()
    {
        var cut = RenderWithProviders<AlertsPage>();

        cut.WaitForElement("[data-testid=rule-LowPerformance]", Timeout);
        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            var card = cut.Find($"[data-testid=rule-{kind}]");
            card.QuerySelectorAll("[data-testid=rule-threshold]").Length.ShouldBe(AlertRuleDefaults.Limits[kind].Threshold is null ? 0 : 1);
            card.QuerySelectorAll("[data-testid=rule-second]").Length.ShouldBe(AlertRuleDefaults.Limits[kind].SecondThreshold is null ? 0 : 1);
        }
        cut.Find("[data-testid=rule-IdleNow]").TextContent.ShouldContain("Idle now");
    }

    [Fact]
    public void Save_SendsTheEditedSettings()
    {
        var cut = RenderWithProviders<AlertsPage>();
        var card = () => cut.WaitForElement("[data-testid=rule-IdleNow]", Timeout);

        card().QuerySelector("[data-testid=rule-threshold]")!.Change("4");
        card().QuerySelector("[data-testid=rule-quiet-from]")!.Change("22:00");
        card().QuerySelector("[data-testid=rule-quiet-until]")!.Change("6:00");
        card().QuerySelector("[data-testid=role-Lead]")!.Change(false);
        card().QuerySelector("[data-testid=rule-save]")!.Click();

        cut.WaitForAssertion(() => _rules.Received(1).SaveAsync(Arg.Any<ClaimsPrincipal>(), Arg.Is<AlertRule>(r =>
            r.Kind == AlertKind.IdleNow && r.IsEnabled && r.Threshold == 4 && r.SecondThreshold == 30 && r.NotifyRoles == "Admin,Manager"
            && r.QuietFrom == new TimeOnly(22, 0) && r.QuietUntil == new TimeOnly(6, 0)), Arg.Any<CancellationToken>()), Timeout);
    }

    [Fact]
    public void AQuietHourThatIsNotATime_IsShownAndNothingIsSent()
    {
        var cut = RenderWithProviders<AlertsPage>();
        var card = () => cut.WaitForElement("[data-testid=rule-StaleFeed]", Timeout);

        card().QuerySelector("[data-testid=rule-quiet-from]")!.Change("25:00");
        card().QuerySelector("[data-testid=rule-save]")!.Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-error]").TextContent.ShouldContain("HH:mm"), Timeout);
        _rules.DidNotReceive().SaveAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<AlertRule>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void ARefusal_IsShownAsItsSentence()
    {
        _rules.SaveAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<AlertRule>(), Arg.Any<CancellationToken>())
            .Throws(new AdminActionRefusedException(AdminRefusal.AlertRuleInvalid, nameof(AlertRuleProblem.ThresholdOutOfRange)));
        var cut = RenderWithProviders<AlertsPage>();
        var card = () => cut.WaitForElement("[data-testid=rule-SyncFailing]", Timeout);

        card().QuerySelector("[data-testid=rule-threshold]")!.Change("500");
        card().QuerySelector("[data-testid=rule-save]")!.Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain("The threshold is outside its range."), Timeout);
    }
}
