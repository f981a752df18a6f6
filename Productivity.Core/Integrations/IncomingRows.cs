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

    public static RowRejection? Check(PodFactoryRow row)
    {
        if (string.IsNullOrWhiteSpace(row.UserEmail) || !row.UserEmail.Contains('@', StringComparison.Ordinal))
        {
            return RowRejection.MissingOrInvalidEmail;
        }
        if (row.UserEmail.Length > MaxEmailLength)
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
        if (row.WindowStartUtc is null || row.WindowEndUtc is null)
        {
            return RowRejection.MissingWindow;
        }
        return row.WindowEndUtc <= row.WindowStartUtc ? RowRejection.EndNotAfterStart : null;
    }

    /// <summary>An open shift (no end yet) is valid; a closed one must end after it starts.</summary>
    public static RowRejection? Check(ConnecteamShift shift) => EndNotAfterStart(shift.StartUtc, shift.EndUtc);

    /// <summary>The same rule for a manual break.</summary>
    public static RowRejection? Check(ConnecteamBreak manualBreak) => EndNotAfterStart(manualBreak.StartUtc, manualBreak.EndUtc);

    private static RowRejection? EndNotAfterStart(DateTime startUtc, DateTime? endUtc) =>
        endUtc is { } end && end <= startUtc ? RowRejection.EndNotAfterStart : null;
}
