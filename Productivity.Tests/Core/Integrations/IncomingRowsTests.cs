using Productivity.Core.Integrations;

namespace Productivity.Tests.Core.Integrations;

public sealed class IncomingRowsTests
{
    private static readonly DateTime Start = new(2025, 12, 10, 15, 0, 0, DateTimeKind.Utc);

    private static PodFactoryRow Row(string? email = "ana@example.test", string? action = "Pick", int? items = 3,
        DateTime? start = null, DateTime? end = null, bool noStart = false, bool noEnd = false) =>
        new(1, email, "Ana", "Picker", action, items,
            noStart ? null : start ?? Start, noEnd ? null : end ?? Start.AddMinutes(10), Start.AddMinutes(11));

    [Fact]
    public void Check_ValidRow_IsAccepted() => IncomingRows.Check(Row()).ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ana.example.test")]
    public void Check_MissingOrInvalidEmail_IsRejected(string? email) =>
        IncomingRows.Check(Row(email: email)).ShouldBe(RowRejection.MissingOrInvalidEmail);

    [Fact]
    public void Check_EmailAtTheColumnLength_IsAcceptedAndOneLonger_Rejected()
    {
        var longest = new string('a', IncomingRows.MaxEmailLength - "@x.test".Length) + "@x.test";
        IncomingRows.Check(Row(email: longest)).ShouldBeNull();
        IncomingRows.Check(Row(email: "a" + longest)).ShouldBe(RowRejection.EmailTooLong);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    public void Check_MissingAction_IsRejected(string? action) =>
        IncomingRows.Check(Row(action: action)).ShouldBe(RowRejection.MissingAction);

    [Fact]
    public void Check_ActionLength_CountsTrimmed()
    {
        var longest = new string('x', IncomingRows.MaxActionLength);
        IncomingRows.Check(Row(action: $"  {longest}  ")).ShouldBeNull();
        IncomingRows.Check(Row(action: longest + "x")).ShouldBe(RowRejection.ActionTooLong);
    }

    [Fact]
    public void Check_ItemsCount_MissingOrNegativeIsRejected_ZeroAccepted()
    {
        IncomingRows.Check(Row(items: null)).ShouldBe(RowRejection.MissingItemsCount);
        IncomingRows.Check(Row(items: -1)).ShouldBe(RowRejection.NegativeItemsCount);
        IncomingRows.Check(Row(items: 0)).ShouldBeNull();
    }

    [Fact]
    public void Check_Window_MissingEitherEndOrNotForwardIsRejected()
    {
        IncomingRows.Check(Row(noStart: true)).ShouldBe(RowRejection.MissingWindow);
        IncomingRows.Check(Row(noEnd: true)).ShouldBe(RowRejection.MissingWindow);
        IncomingRows.Check(Row(end: Start)).ShouldBe(RowRejection.EndNotAfterStart);
        IncomingRows.Check(Row(end: Start.AddSeconds(-1))).ShouldBe(RowRejection.EndNotAfterStart);
        IncomingRows.Check(Row(end: Start.AddTicks(1))).ShouldBeNull();
    }

    [Fact]
    public void Check_TheFirstProblemIsReported()
    {
        // A row with everything wrong is reported for its e-mail, as the sync always has.
        IncomingRows.Check(new PodFactoryRow(1, null, null, null, null, null, null, null, Start)).ShouldBe(RowRejection.MissingOrInvalidEmail);
        IncomingRows.Check(Row(action: null, items: -1)).ShouldBe(RowRejection.MissingAction);
    }

    [Fact]
    public void Check_ConnecteamShiftsAndBreaks_OpenOrForwardAccepted_EndNotAfterStartRejected()
    {
        IncomingRows.Check(new ConnecteamShift("s1", 7, 1, Start, null)).ShouldBeNull();
        IncomingRows.Check(new ConnecteamShift("s1", 7, 1, Start, Start.AddHours(8))).ShouldBeNull();
        IncomingRows.Check(new ConnecteamShift("s1", 7, 1, Start, Start)).ShouldBe(RowRejection.EndNotAfterStart);
        IncomingRows.Check(new ConnecteamShift("s1", 7, 1, Start, Start.AddMinutes(-5))).ShouldBe(RowRejection.EndNotAfterStart);
        IncomingRows.Check(new ConnecteamBreak("b1", 7, 1, Start, null)).ShouldBeNull();
        IncomingRows.Check(new ConnecteamBreak("b1", 7, 1, Start, Start.AddMinutes(15))).ShouldBeNull();
        IncomingRows.Check(new ConnecteamBreak("b1", 7, 1, Start, Start)).ShouldBe(RowRejection.EndNotAfterStart);
    }
}
