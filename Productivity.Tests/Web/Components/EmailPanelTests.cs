using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Productivity.Core.Reports;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Reports;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Sync;

namespace Productivity.Tests.Web.Components;

/// <summary>The Sync page's e-mail panel: the SMTP state in site time, and "Send now" with its outcome or refusal.</summary>
public sealed class EmailPanelTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly IEmailAdministration _email = Substitute.For<IEmailAdministration>();

    public EmailPanelTests()
    {
        Services.AddSingleton(_email);
        Services.AddSingleton(new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
        AddAuthorization().SetAuthorized("admin@example.test").SetRoles(Roles.Admin);
    }

    [Fact]
    public void FailingServer_ShowsTheLastFailureAndWhatWaits()
    {
        _email.StatusAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(new EmailStatus(
            true, "smtp.example.com:587 (StartTls)", "reports@example.com",
            LastSentUtc: new DateTime(2026, 3, 9, 11, 0, 5, DateTimeKind.Utc),
            LastFailureUtc: new DateTime(2026, 3, 9, 12, 30, 0, DateTimeKind.Utc),
            LastError: "554 5.7.1 refused",
            Waiting: 3,
            OldestWaitingUtc: new DateTime(2026, 3, 9, 12, 0, 0, DateTimeKind.Utc),
            NextDailyUtc: new DateTime(2026, 3, 10, 11, 0, 0, DateTimeKind.Utc),
            NextWeeklyUtc: null));

        var cut = RenderWithProviders<EmailPanel>();

        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=email-server]")).ShouldBe("smtp.example.com:587 (StartTls), from reports@example.com"), Timeout);
        Text(cut.Find("[data-testid=email-last-sent]")).ShouldBe("2026-03-09 06:00");
        Text(cut.Find("[data-testid=email-last-failure] span")).ShouldBe("2026-03-09 07:30");
        Text(cut.Find("[data-testid=email-last-error]")).ShouldBe("554 5.7.1 refused");
        cut.Find("[data-testid=email-last-error]").ClassList.ShouldContain("mud-error-text");
        Text(cut.Find("[data-testid=email-waiting]")).ShouldStartWith("3 (oldest queued 2026-03-09 07:00;");
        Text(cut.Find("[data-testid=email-next-daily]")).ShouldBe("2026-03-10 06:00");
        Text(cut.Find("[data-testid=email-next-weekly]")).ShouldBe("–");
    }

    [Fact]
    public void EmailOff_SaysWhichKeysToSet()
    {
        _email.StatusAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>())
            .Returns(new EmailStatus(false, null, null, null, null, null, 0, null, null, null));

        var cut = RenderWithProviders<EmailPanel>();

        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=email-off]")).ShouldContain("set Email:Host and Email:From"), Timeout);
        cut.FindAll("[data-testid=send-daily-now]").ShouldBeEmpty();
    }

    [Fact]
    public void SendNow_QueuesAndSaysForWhom_OrShowsTheRefusal()
    {
        _email.StatusAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>())
            .Returns(new EmailStatus(true, "smtp:25 (None)", "r@example.com", null, null, null, 0, null, null, null));
        _email.SendNowAsync(Arg.Any<ClaimsPrincipal>(), SummaryKind.Daily, Arg.Any<CancellationToken>())
            .Returns(new SendNowResult(SummaryKind.Daily, new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 8), 2));
        _email.SendNowAsync(Arg.Any<ClaimsPrincipal>(), SummaryKind.Weekly, Arg.Any<CancellationToken>())
            .ThrowsAsync(new AdminActionRefusedException(AdminRefusal.NoSubscribers, nameof(SummaryKind.Weekly)));

        var cut = RenderWithProviders<EmailPanel>();
        cut.WaitForElement("[data-testid=send-daily-now]", Timeout).Click();

        cut.WaitForAssertion(() => Text(cut.Find(".mud-snackbar")).ShouldContain("Daily summary for Sun 8 Mar 2026 queued for 2 recipients."), Timeout);
        cut.Find("[data-testid=send-weekly-now]").Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-snackbar").Select(Text)
            .ShouldContain(t => t.Contains("Nobody receives the weekly summary")), Timeout);
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
