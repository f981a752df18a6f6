using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Integrations.PodFactory;

/// <summary>The DataAnnotations rules of <see cref="PodFactoryOptions"/>, checked by generated code at start-up.</summary>
[OptionsValidator]
public sealed partial class PodFactoryOptionsValidator : IValidateOptions<PodFactoryOptions>
{
    /// <summary>Letters, digits and underscores, no longer than MySQL allows: the table name is interpolated into SQL.</summary>
    public const string PlainIdentifierPattern = "^[A-Za-z0-9_]{1,64}$";

    public static bool IsPlainIdentifier(string? value) => value is not null && PlainIdentifier().IsMatch(value);

    // \z, not $: "$" would also accept a trailing line break. RegularExpressionAttribute demands a whole-string match.
    [GeneratedRegex(@"\A[A-Za-z0-9_]{1,64}\z")]
    private static partial Regex PlainIdentifier();
}
