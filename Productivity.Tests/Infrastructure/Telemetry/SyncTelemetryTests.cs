using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.Infrastructure.Sync.SyncTestContext;

namespace Productivity.Tests.Infrastructure.Telemetry;

public sealed class SyncTelemetryTests
{
    [Fact]
    public async Task PodFactorySync_WithRejectedRows_RecordsTheCountsOfItsSyncRunsRow_AndItsRecompute()
    {
        await using var context = await StartAsync("Sqlite");
        context.Connecteam.AddUser(101, "Ana", "Lopez", "ana@example.test");
        await context.Pipeline.SyncEmployeesAsync("test");
        for (var i = 0; i < 6; i++)
        {
            context.PodFactory.Add(i + 1, "ana@example.test", "In Production", 7, Local(7, 10 * i));
        }
        context.PodFactory.Rows.Add(new(100, "ana@example.test", null, null, "Picking", -5, Local(9, 0), Local(9, 10), Local(9, 11)));
        context.PodFactory.Rows.Add(new(102, null, "Nobody", null, "Picking", 5, Local(9, 10), Local(9, 20), Local(9, 21)));
        using var recorder = new TelemetryRecorder();

        var result = await context.Pipeline.SyncPodFactoryAsync("test");

        var row = await context.QueryAsync(db => db.SyncRuns.SingleAsync(r => r.Id == result.Run.Id));
        var job = ("productivity.sync.job", (object)SyncJobs.PodFactory);
        row.ItemsRead.ShouldBe(8);
        row.Rejected.ShouldBe(2);
        recorder.Sum("productivity.sync.rows.read", job).ShouldBe(row.ItemsRead);
        recorder.Sum("productivity.sync.rows.written", job, ("productivity.sync.write", "added")).ShouldBe(row.Added);
        recorder.Sum("productivity.sync.rows.written", job, ("productivity.sync.write", "updated")).ShouldBe(row.Updated);
        recorder.Sum("productivity.sync.rows.written", job, ("productivity.sync.write", "removed")).ShouldBe(row.Removed);
        recorder.Sum("productivity.sync.rows.rejected", job).ShouldBe(row.Rejected);
        var duration = recorder.Of("productivity.sync.duration", job).ShouldHaveSingleItem();
        duration.Tags["productivity.sync.status"].ShouldBe(row.Status.ToString());
        duration.Value.ShouldBe((row.FinishedUtc!.Value - row.StartedUtc).TotalSeconds, tolerance: 0.001);

        recorder.Of("productivity.recompute.employee_days").ShouldHaveSingleItem().Value.ShouldBe(row.ChangedDays);
        recorder.Of("productivity.recompute.days").ShouldHaveSingleItem().Value.ShouldBe(1);
        recorder.Of("productivity.recompute.duration").ShouldHaveSingleItem().Value.ShouldBeGreaterThan(0);
        var sync = recorder.Spans.Single(s => s.DisplayName == "sync podfactory");
        sync.GetTagItem("productivity.sync.trigger").ShouldBe("test");
        recorder.Spans.Single(s => s.DisplayName == "recompute").ParentSpanId.ShouldBe(sync.SpanId);
    }

    [Fact]
    public async Task FailedSync_IsRecordedWithItsStatusAndAnErrorSpan()
    {
        await using var context = await StartAsync("Sqlite");
        context.PodFactory.Failure = new InvalidOperationException("PodFactory is down");
        using var recorder = new TelemetryRecorder();

        var result = await context.Pipeline.SyncPodFactoryAsync("test");

        result.Succeeded.ShouldBeFalse();
        recorder.Of("productivity.sync.duration", ("productivity.sync.job", SyncJobs.PodFactory), ("productivity.sync.status", "Failed"))
            .ShouldHaveSingleItem();
        var span = recorder.Spans.Single(s => s.DisplayName == "sync podfactory");
        span.Status.ShouldBe(System.Diagnostics.ActivityStatusCode.Error);
        span.StatusDescription.ShouldBe("PodFactory is down");
    }
}
