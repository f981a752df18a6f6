using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Realtime;
using Productivity.Core.Security;
using Productivity.Infrastructure.Displays;
using Productivity.Infrastructure.Identity;
using Productivity.Tests.TestSupport;
using Productivity.Web.Realtime;

namespace Productivity.Tests.Web.Integration;

/// <summary>The dashboard hub over the real pipeline: who may connect, and what a connected client receives.</summary>
public sealed class DashboardHubTests : IAsyncLifetime
{
    private const string Password = "hub-test-password";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly Uri BaseAddress = new("https://localhost/");

    private readonly ProductivityWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Connect_Anonymous_IsRefused()
    {
        await using var connection = Connect(new CookieContainer());

        var error = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Connect_SignedInDisplay_IsRefused()
    {
        var cookies = new CookieContainer();
        await SignInDisplayAsync(cookies);
        await using var connection = Connect(cookies);

        var error = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Roles.Lead)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Admin)]
    public async Task Connect_DashboardRole_IsAccepted(string role)
    {
        await using var connection = Connect(await SignInAsync(role));

        await connection.StartAsync();

        connection.State.ShouldBe(HubConnectionState.Connected);
    }

    [Fact]
    public async Task ScoresUpdated_Published_ReachesConnectedLead()
    {
        await using var connection = Connect(await SignInAsync(Roles.Lead));
        var received = new TaskCompletionSource<(DateOnly[] Days, int[] Employees)>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<DateOnly[], int[], DateTimeOffset>(nameof(IDashboardClient.ScoresUpdated),
            (days, employees, _) => received.TrySetResult((days, employees)));
        await connection.StartAsync();
        await ServerHasAcceptedAsync();

        await _factory.Services.GetRequiredService<IScoreUpdateNotifier>()
            .PublishAsync(new ScoresUpdated([new DateOnly(2025, 12, 10)], [7, 9], DateTimeOffset.UtcNow));

        var (days, employees) = await received.Task.WaitAsync(Timeout);
        days.ShouldBe([new DateOnly(2025, 12, 10)]);
        employees.ShouldBe([7, 9]);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("demote")]
    public async Task ScoresUpdated_AfterTheLeadIsRevoked_DropsTheConnectionInsteadOfSending(string revocation)
    {
        var cookies = await SignInAsync(Roles.Lead);
        await using var connection = Connect(cookies);
        var received = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<DateOnly[], int[], DateTimeOffset>(nameof(IDashboardClient.ScoresUpdated), (_, _, _) =>
        {
            Interlocked.Increment(ref received);
            first.TrySetResult();
        });
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        await ServerHasAcceptedAsync();
        var notifier = _factory.Services.GetRequiredService<IScoreUpdateNotifier>();
        await notifier.PublishAsync(new ScoresUpdated([new DateOnly(2025, 12, 10)], [7], DateTimeOffset.UtcNow));
        await first.Task.WaitAsync(Timeout);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var admin = await TestPrincipals.AdminAsync(scope.ServiceProvider);
            var users = scope.ServiceProvider.GetRequiredService<IUserAdministration>();
            var lead = (await users.SearchAsync(admin, new UserQuery("lead-hub", 0, 10))).Items.Single();
            await (revocation == "disable" ? users.SetDisabledAsync(admin, lead.Id, true) : users.SetRolesAsync(admin, lead.Id, []));
        }
        await notifier.PublishAsync(new ScoresUpdated([new DateOnly(2025, 12, 11)], [8], DateTimeOffset.UtcNow));

        await closed.Task.WaitAsync(Timeout);
        received.ShouldBe(1);
        _factory.Services.GetRequiredService<HubSessions>().Count.ShouldBe(0);
    }

    // The client's StartAsync can return before the server has run OnConnectedAsync (long polling, a loaded machine): an
    // update published in between has no connection to go to, and the test would wait for it in vain.
    private async Task ServerHasAcceptedAsync()
    {
        var sessions = _factory.Services.GetRequiredService<HubSessions>();
        var deadline = DateTime.UtcNow + Timeout;
        while (sessions.Count == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the hub never accepted the connection");
            await Task.Delay(20);
        }
    }

    private HubConnection Connect(CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, DashboardHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = _factory.Server.CreateHandler() };
            })
            .Build();

    private async Task<CookieContainer> SignInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-hub@example.test";
        await _factory.CreateUserAsync(email, Password, role);
        var cookies = new CookieContainer();
        var client = _factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));
        (await ProductivityWebFactory.SignInAsync(client, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return cookies;
    }

    private async Task SignInDisplayAsync(CookieContainer cookies)
    {
        var admin = await TestPrincipals.AdminAsync(_factory.Services);
        await using var scope = _factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<DisplayDeviceService>().CreateAsync(admin, "Hub TV");
        var client = _factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));
        (await client.GetAsync($"/floor?token={created.Token}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
