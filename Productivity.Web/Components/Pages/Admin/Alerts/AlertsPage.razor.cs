using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Alerts;
using Productivity.Infrastructure.Alerts;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Alerts;

public partial class AlertsPage
{
    private IReadOnlyList<AlertRule>? _rules;

    [Inject]
    private IAlertRuleAdministration Rules { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private Task SaveAsync(AlertRule rule)
    {
        var stored = _rules?.FirstOrDefault(r => r.Kind == rule.Kind);
        if (stored is not null && Same(stored, rule))
        {
            Snackbar.Add("Nothing changed.", Severity.Info);
            return Task.CompletedTask;
        }
        return RunAsync(actor => Rules.SaveAsync(actor, rule), $"{AlertRuleText.Title(rule.Kind)} saved.");
    }

    protected override async Task ReloadAsync() => _rules = await Rules.RulesAsync(await ActorAsync());

    private static bool Same(AlertRule a, AlertRule b) =>
        a.IsEnabled == b.IsEnabled && a.Threshold.Equals(b.Threshold) && Nullable.Equals(a.SecondThreshold, b.SecondThreshold)
        && a.NotifyRoles == b.NotifyRoles && a.QuietFrom == b.QuietFrom && a.QuietUntil == b.QuietUntil;
}
