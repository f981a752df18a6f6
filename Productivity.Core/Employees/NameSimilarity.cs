namespace Productivity.Core.Employees;

/// <summary>Ranks employees for an unknown PodFactory e-mail by name. A suggestion only: nothing is attributed on it.</summary>
public static class NameSimilarity
{
    /// <summary>At or above this Dice coefficient a suggestion is "likely".</summary>
    public const double Likely = 0.5;

    /// <summary>At or above this Dice coefficient a suggestion is "possible"; below it is not suggested.</summary>
    public const double Possible = 0.2;

    /// <summary>
    /// Dice coefficient of the two names' character bigrams (case-insensitive, letters and digits only, per word):
    /// 2·|common| / (|a| + |b|), from 0 (nothing shared) to 1 (same bigrams).
    /// </summary>
    public static double Dice(string? a, string? b)
    {
        var left = Bigrams(a);
        var right = Bigrams(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bigram in right)
        {
            remaining[bigram] = remaining.GetValueOrDefault(bigram) + 1;
        }
        var common = 0;
        foreach (var bigram in left)
        {
            if (remaining.TryGetValue(bigram, out var count) && count > 0)
            {
                remaining[bigram] = count - 1;
                common++;
            }
        }
        return 2.0 * common / (left.Count + right.Count);
    }

    public static string? Rank(double score) => score >= Likely ? "likely" : score >= Possible ? "possible" : null;

    private static List<string> Bigrams(string? text)
    {
        var bigrams = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return bigrams;
        }
        foreach (var word in text.ToLowerInvariant().Split([' ', '.', '_', '-', '@', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            for (var i = 0; i + 1 < letters.Length; i++)
            {
                bigrams.Add(letters.Substring(i, 2));
            }
        }
        return bigrams;
    }
}
