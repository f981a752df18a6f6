using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using MudBlazor;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Security;
using Productivity.Web.Realtime;

namespace Productivity.Web.Components.Layout;

/// <summary>
/// The bell in the app bar: the open alerts its user may see, live. Every change of any alert (on any node) makes it ask
/// the service again, which decides what this user may see from the database as it is now; the circuit keeps only the
/// last answer to draw, never a decision about access.
/// </summary>
public sealed partial class AlertBell : IDisposable
{
    /// <summary>The newest open alerts listed; the badge counts all of them.</summary>
    public const int Listed = 20;

    private OpenAlerts _alerts = OpenAlerts.None;
    private bool _open;
    private IDisposable? _subscription;
    private RefreshThrottle? _throttle;

    [Inject]
    private IAlertInbox Inbox { get; set; } = default!;

    [Inject]
    private IAlertFeed Feed { get; set; } = default!;

    [Inject]
    private TimeProvider TimeProvider { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<AlertBell> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string Heading => _alerts.OpenCount == 1 ? "1 open alert" : $"{_alerts.OpenCount} open alerts";

    private string AriaLabel => _alerts.UnacknowledgedCount == 0 ? "Alerts" : $"Alerts, {_alerts.UnacknowledgedCount} not acknowledged";

    protected override async Task OnInitializedAsync()
    {
        // Listening before the first load, so no change falls between the two; the prerender does not listen.
        if (RendererInfo.IsInteractive)
        {
            // A burst of changes (an evaluation opening many alerts, several nodes) becomes one reload per interval.
            _throttle = new RefreshThrottle(LiveScores.MinInterval, TimeProvider, () => InvokeAsync(ReloadAsync));
            _subscription = Feed.Subscribe(_ =>
            {
                _throttle.Request();
                return Task.CompletedTask;
            });
        }
        await LoadAsync();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }

    private void Toggle() => _open = !_open;

    private void Close() => _open = false;

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _alerts = await Inbox.OpenAsync(await UserAsync(), Listed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The bell sits on every page: a database hiccup keeps its last answer rather than failing the page; the next
            // change (or page) asks again.
            Logger.LogWarning(ex, "Could not load the alerts for the bell.");
        }
    }

    private async Task AcknowledgeAsync(AlertItem alert)
    {
        try
        {
            var result = await Inbox.AcknowledgeAsync(await UserAsync(), alert.Id);
            if (result.Outcome == AcknowledgeOutcome.AlreadyAcknowledged && result.Alert is { } first)
            {
                Snackbar.Add($"{first.AcknowledgedByName} had already acknowledged it.", Severity.Info);
            }
        }
        catch (AccessDeniedException)
        {
            Snackbar.Add("You may no longer see this alert.", Severity.Warning);
        }
        await LoadAsync();
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;
}
