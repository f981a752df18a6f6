using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Security;
using Productivity.Web.Components.Shared;

namespace Productivity.Tests.Web.Components;

public sealed class RefusalTextTests
{
    public static TheoryData<AdminRefusal> Reasons => [.. Enum.GetValues<AdminRefusal>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void EveryReason_HasASentenceOfItsOwn(AdminRefusal reason)
    {
        var text = RefusalText.Of(reason, ["x", "y", "z"]);

        text.ShouldNotStartWith("Refused (");
        text.ShouldNotContain(reason.ToString());
    }

    [Fact]
    public void Of_NamesTheValuesTheRefusalCarries()
    {
        RefusalText.Of(new AdminActionRefusedException(AdminRefusal.ConnecteamUserIdTaken, "9001", "ann", "4"))
            .ShouldBe("Connecteam user 9001 is already linked to ann (employee 4); unlink it there first.");
        RefusalText.Of(new AdminActionRefusedException(AdminRefusal.UnknownRole, "Viewer", "Guest")).ShouldBe("Unknown role: Viewer, Guest.");
    }

    [Fact]
    public void Of_AccessDeniedAndMappingRefusals_AreWorded_AndFaultsAreNotRefusals()
    {
        RefusalText.Of(new AccessDeniedException(AccessDenial.RoleRequired, ["Admin", "Manager"])).ShouldBe("Only Admin or Manager may do this.");
        RefusalText.Of(new AccessDeniedException(AccessDenial.InactiveAccount, [])).ShouldBe("Sign in with an active account.");
        RefusalText.Of(new UnauthorizedAccessException()).ShouldBe("Sign in with an active account.");
        RefusalText.Of(new AdminActionRefusedException(AdminRefusal.MappingNotPending, "a@b.test")).ShouldBe("a@b.test is not waiting for a mapping.");
        RefusalText.Of(new InvalidOperationException("database down")).ShouldBeNull();
    }
}
