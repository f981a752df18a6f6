using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Productivity.Infrastructure.Admin;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Web.Components.Pages.Admin.Sync;

public partial class SyncPage
{
    private SyncOverview? _overview;
    private readonly HashSet<string> _running = [];
    private RecomputeTask? _task;

    [Inject]
    private ISyncAdministration Sync { get; set; } = default!;

    [Inject]
    private IRecomputeAdministration Recomputes { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var actor = await ActorAsync();
        _task = (await Recomputes.TasksAsync(actor)).FirstOrDefault();
        _overview = await Sync.JobsAsync(actor);
    }

    private async Task RefreshAsync() => _overview = await Sync.JobsAsync(await ActorAsync());

    private async Task RunNowAsync(JobStatus job)
    {
        if (!_running.Add(job.JobKey))
        {
            return;
        }
        try
        {
            Snackbar.Add(await Sync.RunNowAsync(await ActorAsync(), job.JobKey), Severity.Info);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or KeyNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _running.Remove(job.JobKey);
        }
        await RefreshAsync();
    }

    private async Task StartRecomputeAsync((DateOnly From, DateOnly To) range)
    {
        try
        {
            _task = await Recomputes.StartAsync(await ActorAsync(), range.From, range.To);
        }
        catch (Exception ex) when (ex is ArgumentException or UnauthorizedAccessException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task CancelRecomputeAsync(RecomputeTask task)
    {
        try
        {
            await Recomputes.CancelAsync(await ActorAsync(), task.Id);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or UnauthorizedAccessException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task<ClaimsPrincipal> ActorAsync() => (await AuthenticationState).User;
}
