using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Security;
using Productivity.Infrastructure.Displays;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Displays;

public sealed class DisplayDeviceServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private ClaimsPrincipal _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync("Sqlite");
        _admin = await TestPrincipals.AdminAsync(_host.Services);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_StoresOnlyTheTokensHash()
    {
        var created = await UseAsync(s => s.CreateAsync(_admin, "  Packing TV "));

        var stored = await QueryAsync(db => db.DisplayDevices.SingleAsync());
        stored.Name.ShouldBe("Packing TV");
        stored.CreatedBy.ShouldBe("admin@example.test");
        stored.TokenHash.ShouldBe(DisplayToken.Hash(created.Token));
        stored.TokenHash.ShouldNotContain(created.Token);
        created.Token.Length.ShouldBe(43);
    }

    [Fact]
    public async Task Create_TwoDisplays_GetDifferentTokens()
    {
        var first = await UseAsync(s => s.CreateAsync(_admin, "TV 1"));
        var second = await UseAsync(s => s.CreateAsync(_admin, "TV 2"));

        first.Token.ShouldNotBe(second.Token);
    }

    [Fact]
    public async Task FindActiveByToken_ValidToken_ReturnsTheDisplay()
    {
        var created = await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));

        var found = await UseAsync(s => s.FindActiveByTokenAsync(created.Token));

        found.ShouldNotBeNull().Id.ShouldBe(created.Display.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'")]
    public async Task FindActiveByToken_UnknownOrMalformed_ReturnsNull(string? token)
    {
        await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));

        (await UseAsync(s => s.FindActiveByTokenAsync(token))).ShouldBeNull();
    }

    [Fact]
    public async Task Revoke_Display_TokenAndDeviceStopWorking()
    {
        var created = await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));

        await UseAsync(s => s.RevokeAsync(_admin, created.Display.Id));

        (await UseAsync(s => s.FindActiveByTokenAsync(created.Token))).ShouldBeNull();
        (await UseAsync(s => s.IsActiveAsync(created.Display.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAndRevoke_WriteOneAuditEntryEach()
    {
        var created = await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));

        await UseAsync(s => s.RevokeAsync(_admin, created.Display.Id));

        var entries = await QueryAsync(db => db.AuditEntries.Where(a => a.Kind == AuditKinds.Display).OrderBy(a => a.Id).ToListAsync());
        entries.Select(e => (e.Action, e.TargetId, e.TargetName, e.ActorName))
            .ShouldBe([("Create", created.Display.Id.ToString(), "Packing TV", "admin@example.test"),
                ("Revoke", created.Display.Id.ToString(), "Packing TV", "admin@example.test")]);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Lead)]
    public async Task Create_NotAdmin_IsRefused(string role)
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => UseAsync(s => s.CreateAsync(Principal("x@example.test", role), "TV")));

        (await QueryAsync(db => db.DisplayDevices.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task RevokeAndList_NotAdmin_AreRefused()
    {
        var created = await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));
        var manager = Principal("m@example.test", Roles.Manager);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => UseAsync(s => s.RevokeAsync(manager, created.Display.Id)));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => UseAsync(s => s.ListAsync(manager)));
        (await UseAsync(s => s.IsActiveAsync(created.Display.Id))).ShouldBeTrue();
    }

    [Fact]
    public async Task Revoke_UnknownDisplay_IsRefused()
    {
        var error = await Should.ThrowAsync<AdminActionRefusedException>(() => UseAsync(s => s.RevokeAsync(_admin, 999)));

        error.Reason.ShouldBe(AdminRefusal.DisplayNotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_EmptyName_IsRefused(string name)
    {
        var error = await Should.ThrowAsync<AdminActionRefusedException>(() => UseAsync(s => s.CreateAsync(_admin, name)));

        error.Reason.ShouldBe(AdminRefusal.InvalidDisplayName);
    }

    [Fact]
    public async Task Create_NameOfAnActiveDisplay_IsRefusedButARevokedOnesNameIsFree()
    {
        var first = await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));
        var taken = await Should.ThrowAsync<AdminActionRefusedException>(() => UseAsync(s => s.CreateAsync(_admin, "Packing TV")));
        taken.Reason.ShouldBe(AdminRefusal.DisplayNameTaken);
        taken.Details.ShouldBe(["Packing TV"]);

        await UseAsync(s => s.RevokeAsync(_admin, first.Display.Id));
        var second = await UseAsync(s => s.CreateAsync(_admin, "Packing TV"));

        second.Display.Id.ShouldNotBe(first.Display.Id);
    }

    [Fact]
    public async Task List_ActiveFirstThenRevoked_WithoutTokens()
    {
        var revoked = await UseAsync(s => s.CreateAsync(_admin, "A TV"));
        await UseAsync(s => s.CreateAsync(_admin, "B TV"));
        await UseAsync(s => s.RevokeAsync(_admin, revoked.Display.Id));

        var list = await UseAsync(s => s.ListAsync(_admin));

        list.Select(d => (d.Name, d.IsRevoked)).ShouldBe([("B TV", false), ("A TV", true)]);
    }

    private static ClaimsPrincipal Principal(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<T> UseAsync<T>(Func<DisplayDeviceService, Task<T>> action)
    {
        await using var scope = _host.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<DisplayDeviceService>());
    }

    private async Task UseAsync(Func<DisplayDeviceService, Task> action)
    {
        await using var scope = _host.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<DisplayDeviceService>());
    }

    private async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = _host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }
}
