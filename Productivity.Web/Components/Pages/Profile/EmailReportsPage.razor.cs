using System.Globalization;
using Microsoft.AspNetCore.Components;
using Productivity.Infrastructure.Email;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Profile;

/// <summary>
/// The signed-in user's e-mail subscriptions: the summaries (Managers and Admins) and, per alert rule, the alerts they may
/// see (Leads too). Every load and change is checked against the database by <see cref="EmailSubscriptions"/>.
/// </summary>
public partial class EmailReportsPage
{
    private SubscriptionSettings? _settings;

    [Inject]
    private EmailSubscriptions Subscriptions { get; set; } = default!;

    [Inject]
    private EmailSchedule Schedule { get; set; } = default!;

    private string Time => Schedule.SummaryTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    private string DailyDescription => $"Every day at {Time} (site time): yesterday's key figures, departments, highest and lowest performance and open data-quality issues.";

    private string WeeklyDescription => $"Mondays at {Time} (site time): the same for last week, Monday to Sunday.";

    private static string AlertDescription(Core.Alerts.AlertKind kind) =>
        $"{AlertRuleText.Description(kind)} One e-mail per alert when it opens; more than a few at once come as one digest.";

    protected override Task OnInitializedAsync() => ReloadAsync();

    protected override async Task ReloadAsync() => _settings = await Subscriptions.GetAsync(await ActorAsync());

    private Task SetAsync(string topic, bool subscribed) =>
        RunAsync(actor => Subscriptions.SetAsync(actor, topic, subscribed), subscribed ? "Subscribed." : "Unsubscribed.");
}
