using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Productivity.Core.Auditing;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Auditing;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Audit;

namespace Productivity.Tests.Web.Components;

public sealed class AuditPageTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IAuditQueries _audit = Substitute.For<IAuditQueries>();

    public AuditPageTests()
    {
        Services.AddSingleton(_audit);
        Services.AddSingleton(new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
        AddAuthorization().SetAuthorized("admin@example.test").SetRoles(Roles.Admin);
        _audit.SearchAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<AuditQuery>(), Arg.Any<CancellationToken>()).Returns(new AuditEntryPage(
        [
            new AuditEntry
            {
                OccurredUtc = new DateTime(2025, 12, 10, 5, 59, 0, DateTimeKind.Utc), ActorName = "ann@example.test", Kind = AuditKinds.Role,
                TargetId = "Picking", TargetName = "Picker", Action = "Updated", OldValue = "200/h", NewValue = "210/h",
            },
        ], 1));
    }

    [Fact]
    public void Render_Entry_ShowsWhoWhenSiteLocalWhatAndOldToNew()
    {
        var cut = RenderWithProviders<AuditPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-grid] tbody tr").Count.ShouldBe(1), Timeout);
        Text(cut.Find("[data-testid=audit-grid] tbody tr")).ShouldBe("2025-12-09 23:59:00 ann@example.test Role Picker Updated 200/h 210/h");
    }

    [Fact]
    public void Render_FiltersInTheUrl_ArePassedToTheQuery()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit?person=ann&kind=Role&from=2025-12-01&to=2025-12-10");

        RenderWithProviders<AuditPage>();

        _audit.Received().SearchAsync(Arg.Any<ClaimsPrincipal>(),
            new AuditQuery("ann", AuditKinds.Role, new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 10), 0, 50), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_DaysAtTheEndsOfTheCalendar_AreNoFilter()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit?from=0001-01-01&to=9999-12-31");

        RenderWithProviders<AuditPage>();

        // The day's UTC range, which the query needs, does not exist for these days.
        _audit.Received().SearchAsync(Arg.Any<ClaimsPrincipal>(), new AuditQuery(null, null, null, null, 0, 50), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Person_Typing_QueriesWithThePersonAndPutsItInTheUrl()
    {
        var cut = RenderWithProviders<AuditPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-grid] tbody tr").Count.ShouldBe(1), Timeout);

        cut.Find("[data-testid=audit-person]").Input("bob");

        cut.WaitForAssertion(() => _audit.Received().SearchAsync(Arg.Any<ClaimsPrincipal>(),
            new AuditQuery("bob", null, null, null, 0, 50), Arg.Any<CancellationToken>()), Timeout);
        Services.GetRequiredService<NavigationManager>().Uri.ShouldEndWith("?person=bob");
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
