using Microsoft.Extensions.Configuration;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Jobs;

namespace Productivity.Tests.Infrastructure.Jobs;

public sealed class JobIntervalsTests
{
    [Fact]
    public void Read_NoConfiguration_PollsPodFactoryEvery10SecondsAndConnecteamEvery5Minutes()
    {
        var intervals = JobIntervals.Read(Config());

        intervals.PodFactory.ShouldBe(TimeSpan.FromSeconds(10));
        intervals.Shifts.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Read_DecimalShiftMinutes_IsAnIntervalInSeconds()
    {
        JobIntervals.Read(Config(("Jobs:ShiftSyncMinutes", "0.1"))).Shifts.ShouldBe(TimeSpan.FromSeconds(6));
    }

    [Theory]
    [InlineData("Jobs:PodFactorySyncSeconds", "0")]
    [InlineData("Jobs:PodFactorySyncSeconds", "ten")]
    [InlineData("Jobs:ShiftSyncMinutes", "-1")]
    [InlineData("Jobs:ShiftSyncMinutes", "0.001")]
    [InlineData("Jobs:ShiftSyncMinutes", "five")]
    public void Read_InvalidValue_NamesTheKey(string key, string value)
    {
        var error = Should.Throw<ConfigurationException>(() => JobIntervals.Read(Config((key, value))));

        error.Message.ShouldStartWith(key);
        error.Message.ShouldContain($"'{value}'");
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
