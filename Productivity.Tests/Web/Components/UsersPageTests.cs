using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Users;

namespace Productivity.Tests.Web.Components;

public sealed class UsersPageTests : ComponentTestBase
{
    private const string AdminName = "admin@example.test";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IUserAdministration _users = Substitute.For<IUserAdministration>();

    public UsersPageTests()
    {
        Services.AddSingleton(_users);
        AddAuthorization().SetAuthorized(AdminName).SetRoles(Roles.Admin);
        GivenUsers(
            User("1", "ann@example.test", [Roles.Admin]),
            User("2", "bob@example.test", [Roles.Manager, Roles.Lead]));
    }

    [Fact]
    public void Render_SearchReturnsUsers_ShowsTheirEmails()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Cells(cut, "E-mail").ShouldBe(["ann@example.test", "bob@example.test"]), Timeout);
    }

    [Fact]
    public void Render_UserWithRoles_ShowsOneChipPerRole()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Chips(Row(cut, "bob@example.test"), "Roles").ShouldBe([Roles.Manager, Roles.Lead]), Timeout);
    }

    [Theory]
    [InlineData(false, false, false, new[] { "Active" })]
    [InlineData(true, false, false, new[] { "Disabled" })]
    [InlineData(false, true, false, new[] { "Locked" })]
    [InlineData(false, false, true, new[] { "Must change password", "Active" })]
    [InlineData(true, true, true, new[] { "Disabled", "Locked", "Must change password" })]
    public void Render_UserState_ShowsStatusChips(bool disabled, bool locked, bool mustChange, string[] expected)
    {
        GivenUsers(User("3", "cat@example.test", [Roles.Lead]) with
        {
            IsDisabled = disabled,
            IsLocked = locked,
            MustChangePassword = mustChange,
        });

        var cut = RenderPage();

        cut.WaitForAssertion(() => Chips(Row(cut, "cat@example.test"), "Status").ShouldBe(expected), Timeout);
    }

    [Fact]
    public void Search_Typing_SearchesWithTheTerm()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => Row(cut, "ann@example.test"), Timeout);

        cut.Find("[data-testid=user-search]").Input("bob");

        cut.WaitForAssertion(() => _users.Received().SearchAsync(
            Arg.Any<ClaimsPrincipal>(), Arg.Is<UserQuery>(q => q.Search == "bob"), Arg.Any<CancellationToken>()), Timeout);
    }

    [Fact]
    public void NewUser_Create_CreatesUserWithEmailAndRoles()
    {
        NewUser? created = null;
        _users.CreateAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<NewUser>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                created = call.ArgAt<NewUser>(1);
                return new CreatedUser(User("9", created.Email, [.. created.Roles]), "generated-Pa55word");
            });
        var cut = RenderPage();

        CreateUser(cut, "new@example.test", Roles.Lead);

        cut.WaitForAssertion(() => created.ShouldNotBeNull(), Timeout);
        created!.Email.ShouldBe("new@example.test");
        created.Roles.Order(StringComparer.Ordinal).ShouldBe([Roles.Lead, Roles.Manager]);
        _users.Received(1).CreateAsync(
            Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == AdminName), Arg.Any<NewUser>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void NewUser_Created_ShowsGeneratedPasswordOnce()
    {
        _users.CreateAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<NewUser>(), Arg.Any<CancellationToken>())
            .Returns(new CreatedUser(User("9", "new@example.test", [Roles.Manager]), "generated-Pa55word"));
        var cut = RenderPage();

        CreateUser(cut, "new@example.test");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=generated-password]")
            .ShouldHaveSingleItem().TextContent.ShouldBe("generated-Pa55word"), Timeout);
    }

    [Fact]
    public void Disable_RefusedByService_ShowsMessageInSnackbar()
    {
        _users.SetDisabledAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AdminActionRefusedException(AdminRefusal.CannotDisableLastAdmin));
        var cut = RenderPage();

        ChooseRowAction(cut, "ann@example.test", "Disable");

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent
            .ShouldContain("You cannot disable the last active Admin."), Timeout);
    }

    [Fact]
    public void Disable_FromRowMenu_DisablesThatUser()
    {
        var cut = RenderPage();

        ChooseRowAction(cut, "ann@example.test", "Disable");

        cut.WaitForAssertion(() => _users.Received(1).SetDisabledAsync(
            Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == AdminName), "1", true, Arg.Any<CancellationToken>()), Timeout);
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => RenderWithProviders<UsersPage>();

    private void GivenUsers(params UserSummary[] users) =>
        _users.SearchAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<UserQuery>(), Arg.Any<CancellationToken>())
            .Returns(new UserPage(users, users.Length));

    private static UserSummary User(string id, string email, string[] roles) =>
        new(id, email, null, roles, IsLocked: false, IsDisabled: false, MustChangePassword: false, new DateTime(2025, 1, 2));

    private static void CreateUser(IRenderedComponent<ContainerFragment> cut, string email, params string[] extraRoles)
    {
        cut.Find("[data-testid=new-user]").Click();
        cut.WaitForElement("[data-testid=new-user-email]", Timeout).Change(email);
        foreach (var role in extraRoles)
        {
            cut.Find($"[data-testid=role-{role}]").Change(true);
        }
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-user-create]").HasAttribute("disabled").ShouldBeFalse(), Timeout);
        cut.Find("[data-testid=new-user-create]").Click();
    }

    private static void ChooseRowAction(IRenderedComponent<ContainerFragment> cut, string email, string action)
    {
        cut.WaitForElement($"[data-testid='actions-{email}'] button", Timeout).Click();
        cut.WaitForAssertion(() => MenuItems(cut, action).ShouldHaveSingleItem(), Timeout);
        MenuItems(cut, action).Single().Click();
    }

    private static IEnumerable<IElement> MenuItems(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll("[role=menuitem]").Where(i => i.TextContent.Trim() == text);

    private static string[] Cells(IRenderedComponent<ContainerFragment> cut, string column) =>
        [.. cut.FindAll($"tbody td[data-label='{column}']").Select(td => td.TextContent.Trim())];

    private static IElement Row(IRenderedComponent<ContainerFragment> cut, string email) =>
        cut.FindAll("tbody tr").Single(tr => tr.QuerySelector("td[data-label='E-mail']")?.TextContent.Trim() == email);

    private static string[] Chips(IElement row, string column) =>
        [.. row.QuerySelectorAll($"td[data-label='{column}'] .mud-chip-content").Select(c => c.TextContent.Trim())];
}
