using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Sync;

public partial class SyncPage
{
    private SyncOverview? _overview;
    private readonly HashSet<string> _running = [];
    private RecomputeTask? _task;

    [Inject]
    private ISyncAdministration Sync { get; set; } = default!;

    [Inject]
    private IRangeRecompute Recomputes { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var actor = await ActorAsync();
        _task = (await Recomputes.TasksAsync(actor)).FirstOrDefault();
        _overview = await Sync.JobsAsync(actor);
    }

    private Task RefreshAsync() => ReloadAsync();

    protected override async Task ReloadAsync() => _overview = await Sync.JobsAsync(await ActorAsync());

    private async Task RunNowAsync(JobStatus job)
    {
        if (!_running.Add(job.JobKey))
        {
            return;
        }
        try
        {
            await RunAsync(async actor => Snackbar.Add(JobText.RunNow(await Sync.RunNowAsync(actor, job.JobKey)), Severity.Info), reload: false);
        }
        finally
        {
            _running.Remove(job.JobKey);
        }
        await ReloadAsync();
    }

    private Task StartRecomputeAsync((DateOnly From, DateOnly To) range) =>
        RunAsync(async actor => _task = await Recomputes.StartAsync(actor, range.From, range.To), reload: false);

    private Task CancelRecomputeAsync(RecomputeTask task) => RunAsync(actor => Recomputes.CancelAsync(actor, task.Id), reload: false);
}
