using System.Globalization;

namespace Productivity.Core.Costs;

/// <summary>Why a rate line or an entered rate cannot be stored.</summary>
public enum RateProblem
{
    WrongColumnCount,
    InvalidUserId,
    InvalidRate,
    RateNotPositive,
    RateTooHigh,
    RateTooPrecise,
    InvalidDate,
}

/// <summary>
/// One line of a rate file, <c>connecteam_user_id,hourly_rate,effective_from</c> (invariant numbers, ISO date): the
/// validation of an incoming rate, for the page's upload and the command line alike.
/// </summary>
public sealed record RateLine(long ConnecteamUserId, decimal HourlyRate, DateOnly EffectiveFrom)
{
    /// <summary>True for the optional header line.</summary>
    public static bool IsHeader(string line) =>
        (line ?? "").TrimStart().StartsWith("connecteam_user_id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parsed line, or null with the problem and the offending value.</summary>
    public static RateLine? Parse(string line, out RateProblem? problem, out string? value)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(',').Select(p => p.Trim().Trim('"').Trim()).ToArray();
        (problem, value) = (null, null);
        if (parts.Length != 3)
        {
            (problem, value) = (RateProblem.WrongColumnCount, line);
            return null;
        }
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var userId) || userId <= 0)
        {
            (problem, value) = (RateProblem.InvalidUserId, parts[0]);
            return null;
        }
        if (!decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
        {
            (problem, value) = (RateProblem.InvalidRate, parts[1]);
            return null;
        }
        if (Check(rate) is { } rateProblem)
        {
            (problem, value) = (rateProblem, parts[1]);
            return null;
        }
        if (!DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            (problem, value) = (RateProblem.InvalidDate, parts[2]);
            return null;
        }
        return new RateLine(userId, rate, from);
    }

    /// <summary>Why a rate cannot be stored (the page's and the file's rule), or null when it can.</summary>
    public static RateProblem? Check(decimal rate) =>
        rate <= 0 ? RateProblem.RateNotPositive
        : rate > PayRate.MaxHourlyRate ? RateProblem.RateTooHigh
        : decimal.Round(rate, 4) != rate ? RateProblem.RateTooPrecise
        : null;
}
