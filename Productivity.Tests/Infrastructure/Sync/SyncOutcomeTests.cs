using Productivity.Infrastructure.Sync;

namespace Productivity.Tests.Infrastructure.Sync;

public sealed class SyncOutcomeTests
{
    [Fact]
    public void Reject_ManyRows_KeepsTheFirstOnesAndCountsEveryOne()
    {
        var outcome = new SyncOutcome();

        for (var i = 1; i <= 1000; i++)
        {
            outcome.Reject("csv", $"line {i}", "bad");
        }

        outcome.RejectedCount.ShouldBe(1000);
        outcome.Rejected.Count.ShouldBe(SyncOutcome.MaxRejectedKept);
        outcome.Rejected[^1].Key.ShouldBe($"line {SyncOutcome.MaxRejectedKept}");
    }

    [Fact]
    public void Reject_LongKeyAndReason_AreCutShortWithAnEllipsis()
    {
        var outcome = new SyncOutcome();

        outcome.Reject("csv", new string('k', 5000), "not an e-mail: '" + new string('x', 5000) + "'");
        outcome.Reject("csv", "line 2", new string('y', SyncOutcome.MaxRejectedText));

        var cut = outcome.Rejected[0];
        cut.Key.ShouldBe(new string('k', SyncOutcome.MaxRejectedText - 1) + "…");
        cut.Reason.Length.ShouldBe(SyncOutcome.MaxRejectedText);
        cut.Reason.ShouldStartWith("not an e-mail: 'xxx");
        cut.Reason.ShouldEndWith("x…");
        outcome.Rejected[1].Reason.ShouldBe(new string('y', SyncOutcome.MaxRejectedText));
    }

    [Fact]
    public void MergeFrom_KeepsAtMostTheCapAndAddsTheCounts()
    {
        var outcome = new SyncOutcome();
        var trial = new SyncOutcome();
        for (var i = 0; i < 150; i++)
        {
            outcome.Reject("connecteam", $"a {i}", "bad");
            trial.Reject("connecteam", $"b {i}", "bad");
        }
        for (var i = 0; i < 300; i++)
        {
            trial.Reject("connecteam", $"c {i}", "bad");
        }

        outcome.MergeFrom(trial);

        outcome.RejectedCount.ShouldBe(600);
        outcome.Rejected.Count.ShouldBe(SyncOutcome.MaxRejectedKept);
        outcome.Rejected[^1].Key.ShouldBe("b 49");
    }

    [Fact]
    public async Task CollectAsync_FailurePartWay_CarriesTheOutcomeSoFar()
    {
        var failure = await Should.ThrowAsync<SyncFailedException>(() => SyncOutcome.CollectAsync(outcome =>
        {
            outcome.Added = 3;
            throw new InvalidOperationException("gone");
        }, CancellationToken.None));

        failure.Partial.Added.ShouldBe(3);
        failure.InnerException.ShouldBeOfType<InvalidOperationException>();
        failure.Message.ShouldBe("gone");
    }

    [Fact]
    public async Task CollectAsync_Success_ReturnsTheOutcome()
    {
        var outcome = await SyncOutcome.CollectAsync(o =>
        {
            o.Updated = 2;
            return Task.CompletedTask;
        }, CancellationToken.None);

        outcome.Updated.ShouldBe(2);
    }
}
