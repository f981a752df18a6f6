using Productivity.Core.Reports;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Reports;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Every <c>Email:SendIntervalSeconds</c> (and when a report was just queued): send the outbox's due e-mails.</summary>
[DisallowConcurrentExecution]
public sealed class EmailSendJob(EmailSender sender) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sender.SendDueAsync(cancellationToken);
}

/// <summary>Daily at <c>Email:SummaryTime</c> site time: yesterday's summary to its subscribers.</summary>
[DisallowConcurrentExecution]
public sealed class DailySummaryJob(SummaryReports reports) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await reports.RunScheduledAsync(SummaryKind.Daily, FiringUtc(context), cancellationToken);

    // The firing's scheduled time, not the moment it started: a late start still reports the period it was due for.
    internal static DateTime FiringUtc(IJobExecutionContext context) =>
        (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime;
}

/// <summary>Mondays at <c>Email:SummaryTime</c> site time: last week's summary (Monday to Sunday) to its subscribers.</summary>
[DisallowConcurrentExecution]
public sealed class WeeklySummaryJob(SummaryReports reports) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await reports.RunScheduledAsync(SummaryKind.Weekly, DailySummaryJob.FiringUtc(context), cancellationToken);
}
