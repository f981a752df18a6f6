namespace Productivity.Core.Integrations;

/// <summary>Why an incoming row is refused; the sync reports it together with the row's values.</summary>
public enum RowRejection
{
    MissingOrInvalidEmail,
    EmailTooLong,
    MissingAction,
    ActionTooLong,
    MissingItemsCount,
    NegativeItemsCount,
    ItemsCountTooHigh,
    WindowInTheFuture,
    MissingWindow,
    EndNotAfterStart,
}

/// <summary>
/// The one validation of rows read from PodFactory and Connecteam before they are stored: a pure check, null for a row
/// that may be stored. The sync rejects (and reports) the others and stores the rest. The lengths are the stored
/// columns'; a longer value would not fit, and cutting it would credit the work to someone else or another action.
/// </summary>
public static class IncomingRows
{
    public const int MaxEmailLength = 256;
    public const int MaxActionLength = 100;

    /// <summary>
    /// The most items one window may report. A ten-minute window holds tens of items (scoring.md's standards are 40-200
    /// an hour); a count past this is a broken row, and a few of them would overflow the day's stored total.
    /// </summary>
    public const int MaxItemsCount = 100_000;

    /// <summary>Connecteam's shift, break and break-type ids (strings in the API; 24 hex characters in practice).</summary>
    public const int MaxConnecteamIdLength = 64;

    /// <summary>How far past "now" a window may end (clocks drift, and a window is written as it closes).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    /// <param name="nowUtc">When given, a window ending more than <see cref="FutureTolerance"/> after it is refused:
    /// production not yet done is a broken row (a year-9999 window would also overrun every date computed from it).</param>
    public static RowRejection? Check(PodFactoryRow row, DateTime? nowUtc = null)
    {
        if (string.IsNullOrWhiteSpace(row.UserEmail) || !row.UserEmail.Contains('@', StringComparison.Ordinal))
        {
            return RowRejection.MissingOrInvalidEmail;
        }
        // Stored trimmed, so only the trimmed length counts (as for the action).
        if (row.UserEmail.Trim().Length > MaxEmailLength)
        {
            return RowRejection.EmailTooLong;
        }
        if (string.IsNullOrWhiteSpace(row.Action))
        {
            return RowRejection.MissingAction;
        }
        // Stored trimmed, so only the trimmed length counts.
        if (row.Action.Trim().Length > MaxActionLength)
        {
            return RowRejection.ActionTooLong;
        }
        if (row.ItemsCount is null)
        {
            return RowRejection.MissingItemsCount;
        }
        if (row.ItemsCount < 0)
        {
            return RowRejection.NegativeItemsCount;
        }
        if (row.ItemsCount > MaxItemsCount)
        {
            return RowRejection.ItemsCountTooHigh;
        }
        if (row.WindowStartUtc is null || row.WindowEndUtc is null)
        {
            return RowRejection.MissingWindow;
        }
        if (row.WindowEndUtc <= row.WindowStartUtc)
        {
            return RowRejection.EndNotAfterStart;
        }
        return nowUtc is { } now && row.WindowEndUtc > now + FutureTolerance ? RowRejection.WindowInTheFuture : null;
    }

    /// <summary>An open shift (no end yet) is valid; a closed one must end after it starts.</summary>
    public static RowRejection? Check(ConnecteamShift shift) => EndNotAfterStart(shift.StartUtc, shift.EndUtc);

    /// <summary>The same rule for a manual break.</summary>
    public static RowRejection? Check(ConnecteamBreak manualBreak) => EndNotAfterStart(manualBreak.StartUtc, manualBreak.EndUtc);

    private static RowRejection? EndNotAfterStart(DateTime startUtc, DateTime? endUtc) =>
        endUtc is { } end && end <= startUtc ? RowRejection.EndNotAfterStart : null;
}
