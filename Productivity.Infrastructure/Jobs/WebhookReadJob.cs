using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>One webhook re-read (queued by <see cref="WebhookReadQueue"/>): the user's day through the normal shift sync.</summary>
[DisallowConcurrentExecution]
public sealed class WebhookReadJob(SyncPipeline pipeline, WebhookReadQueue queue) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var read = WebhookReadQueue.ReadOf(context.MergedJobDataMap);
        var result = await pipeline.SyncConnecteamUsersAsync(SyncTriggers.Webhook, read.UserId is { } id ? [id] : null, read.Day, cancellationToken);
        if (!result.Succeeded)
        {
            await queue.RetryAsync(context.JobDetail.Key, read, cancellationToken);
        }
    }
}
