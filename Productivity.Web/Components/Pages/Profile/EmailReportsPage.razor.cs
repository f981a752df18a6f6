using System.Globalization;
using Microsoft.AspNetCore.Components;
using Productivity.Infrastructure.Email;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Profile;

/// <summary>
/// The signed-in user's e-mail subscriptions (Managers and Admins). Every load and change is checked against the database
/// by <see cref="EmailSubscriptions"/>; the alert rules' opt-ins will be more switches on this page.
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

    protected override Task OnInitializedAsync() => ReloadAsync();

    protected override async Task ReloadAsync() => _settings = await Subscriptions.GetAsync(await ActorAsync());

    private Task SetAsync(string topic, bool subscribed) =>
        RunAsync(actor => Subscriptions.SetAsync(actor, topic, subscribed), subscribed ? "Subscribed." : "Unsubscribed.");
}
