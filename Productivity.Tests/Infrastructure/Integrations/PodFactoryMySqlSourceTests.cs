using Microsoft.Extensions.Options;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Integrations.PodFactory;

namespace Productivity.Tests.Infrastructure.Integrations;

public sealed class PodFactoryMySqlSourceTests(ReportActionsDatabase database) : IClassFixture<ReportActionsDatabase>
{
    private static readonly DateTime SharedCreatedAt = Utc(2025, 12, 10, 13, 11, 0);

    [Fact]
    public async Task ReadAfterAsync_FromTheBeginning_ReturnsEveryRowOrderedByCreatedAtThenId()
    {
        var rows = await database.CreateSource().ReadAfterAsync(DateTime.MinValue, 0, 100);

        rows.Select(r => r.Id).ShouldBe([4, 1, 2, 3, 5, 6, 8, 7]);
    }

    [Theory]
    [InlineData(0, new long[] { 1, 2, 3, 5, 6, 8, 7 })]
    [InlineData(1, new long[] { 2, 3, 5, 6, 8, 7 })]
    [InlineData(3, new long[] { 5, 6, 8, 7 })]
    [InlineData(99, new long[] { 5, 6, 8, 7 })]
    public async Task ReadAfterAsync_PositionAmongEqualCreatedAt_ReturnsOnlyRowsStrictlyAfterIt(long afterId, long[] expected)
    {
        var rows = await database.CreateSource().ReadAfterAsync(SharedCreatedAt, afterId, 100);

        rows.Select(r => r.Id).ShouldBe(expected);
    }

    [Fact]
    public async Task ReadAfterAsync_Limit_ReturnsTheFirstRowsOnly()
    {
        var rows = await database.CreateSource().ReadAfterAsync(DateTime.MinValue, 0, 3);

        rows.Select(r => r.Id).ShouldBe([4, 1, 2]);
    }

    [Fact]
    public async Task ReadAfterAsync_PagingWithTheLastRowAsCursor_ReturnsEveryRowOnce()
    {
        var source = database.CreateSource();
        List<long> ids = [];
        var (createdAt, afterId) = (DateTime.MinValue, 0L);

        while (await source.ReadAfterAsync(createdAt, afterId, 2) is { Count: > 0 } page)
        {
            ids.AddRange(page.Select(r => r.Id));
            (createdAt, afterId) = (page[^1].CreatedUtc, page[^1].Id);
        }

        ids.ShouldBe([4, 1, 2, 3, 5, 6, 8, 7]);
    }

    [Fact]
    public async Task ReadAfterAsync_LimitZero_Throws()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => database.CreateSource().ReadAfterAsync(DateTime.MinValue, 0, 0));
    }

    [Fact]
    public async Task ReadWindowsAsync_Range_IsHalfOpenOnWindowStartAndOrderedById()
    {
        var source = database.CreateSource();

        var hour = await source.ReadWindowsAsync(Utc(2025, 12, 10, 13, 0, 0), Utc(2025, 12, 10, 14, 0, 0));
        var next = await source.ReadWindowsAsync(Utc(2025, 12, 10, 14, 0, 0), Utc(2025, 12, 10, 15, 0, 0));

        hour.Select(r => r.Id).ShouldBe([1, 2, 3, 6, 8]);
        next.Select(r => r.Id).ShouldBe([7]);
    }

    [Fact]
    public async Task ReadWindowsAsync_UnspecifiedKindBounds_AreTreatedAsUtc()
    {
        var from = new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Unspecified);

        var rows = await database.CreateSource().ReadWindowsAsync(from, from.AddHours(1));

        rows.Select(r => r.Id).ShouldBe([7]);
    }

    [Fact]
    public async Task ReadAfterAsync_Row_HasExactValuesAndUtcTimes()
    {
        var rows = await database.CreateSource().ReadAfterAsync(DateTime.MinValue, 0, 100);

        var row = rows.Single(r => r.Id == 1);
        row.ShouldBe(new PodFactoryRow(
            1, "ana.lopez@example.test", "Ana Lopez", "Heat Pressing", "In Production", 7,
            Utc(2025, 12, 10, 13, 0, 0), Utc(2025, 12, 10, 13, 10, 0), Utc(2025, 12, 10, 13, 11, 0)));
        row.WindowStartUtc!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        row.WindowEndUtc!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        row.CreatedUtc.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public async Task ReadAfterAsync_NullsAndZeroDate_AreReadAsNull()
    {
        var rows = await database.CreateSource().ReadAfterAsync(DateTime.MinValue, 0, 100);

        rows.Single(r => r.Id == 5).ShouldBe(new PodFactoryRow(5, null, null, null, null, null, null, null, Utc(2025, 12, 10, 13, 12, 0)));
    }

    [Fact]
    public async Task ReadAfterAsync_OddValues_ArePassedThroughUnvalidated()
    {
        var rows = await database.CreateSource().ReadAfterAsync(DateTime.MinValue, 0, 100);

        var row = rows.Single(r => r.Id == 6);
        row.Action.ShouldBe("Mystery Action");
        row.ItemsCount.ShouldBe(-4);
        row.WindowStartUtc.ShouldBe(Utc(2025, 12, 10, 13, 20, 0));
        row.WindowEndUtc.ShouldBe(Utc(2025, 12, 10, 13, 15, 0));
    }

    [Fact]
    public async Task ReadAfterAsync_UnreachableServer_ThrowsSourceExceptionNamingTheKeyWithoutPassword()
    {
        var source = new PodFactoryMySqlSource(
            "Server=127.0.0.1;Port=1;User ID=podfactory;Password=S3cret-Pa55;Connection Timeout=5",
            Options.Create(new PodFactoryOptions()));

        var exception = await Should.ThrowAsync<PodFactorySourceException>(() => source.ReadAfterAsync(DateTime.MinValue, 0, 10));

        exception.Message.ShouldStartWith("PodFactory database unreachable (ConnectionStrings:PodFactory): ");
        exception.Message.ShouldNotContain("S3cret-Pa55");
    }

    [Fact]
    public async Task ReadAfterAsync_WrongPassword_ThrowsSourceExceptionWithoutPassword()
    {
        var connectionString = new MySqlConnector.MySqlConnectionStringBuilder(database.ConnectionString)
        {
            Password = "Wrong-Pa55word",
        }.ConnectionString;
        var source = new PodFactoryMySqlSource(connectionString, Options.Create(new PodFactoryOptions()));

        var exception = await Should.ThrowAsync<PodFactorySourceException>(() => source.ReadAfterAsync(DateTime.MinValue, 0, 10));

        exception.Message.ShouldContain("ConnectionStrings:PodFactory");
        exception.Message.ShouldNotContain("Wrong-Pa55word");
    }

    [Fact]
    public async Task ReadWindowsAsync_MissingTable_ThrowsSourceExceptionNamingTheTable()
    {
        var source = database.CreateSource("no_such_table");

        var exception = await Should.ThrowAsync<PodFactorySourceException>(
            () => source.ReadWindowsAsync(DateTime.MinValue, DateTime.MaxValue));

        exception.Message.ShouldContain("no_such_table");
    }

    [Fact]
    public async Task ReadAfterAsync_EmptyConnectionString_ThrowsSourceExceptionNamingTheKey()
    {
        var source = new PodFactoryMySqlSource("", Options.Create(new PodFactoryOptions()));

        var exception = await Should.ThrowAsync<PodFactorySourceException>(() => source.ReadAfterAsync(DateTime.MinValue, 0, 10));

        exception.Message.ShouldContain("ConnectionStrings:PodFactory");
    }

    [Theory]
    [InlineData("report_actions; DROP TABLE x")]
    [InlineData("report_actions`")]
    [InlineData("pod.report_actions")]
    [InlineData("report_actions\n")]
    [InlineData("")]
    public void Validate_TableThatIsNotAPlainIdentifier_FailsNamingTheKey(string table)
    {
        var result = new PodFactoryOptionsValidator().Validate(null, new PodFactoryOptions { Table = table });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("PodFactory:Table");
    }

    [Theory]
    [InlineData("report_actions")]
    [InlineData("ReportActions2")]
    public void Validate_PlainIdentifier_Succeeds(string table)
    {
        var result = new PodFactoryOptionsValidator().Validate(null, new PodFactoryOptions { Table = table });

        result.Succeeded.ShouldBeTrue();
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
