using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Integrations.PodFactory;

public sealed class PodFactoryOptionsValidator : IValidateOptions<PodFactoryOptions>
{
    private const int MaxIdentifierLength = 64;

    public ValidateOptionsResult Validate(string? name, PodFactoryOptions options)
    {
        List<string> failures = [];
        if (!IsPlainIdentifier(options.Table))
        {
            failures.Add(
                $"{PodFactoryOptions.SectionName}:Table must be a plain table name of letters, digits and underscores " +
                $"(at most {MaxIdentifierLength} characters), e.g. 'report_actions'.");
        }
        if (options.CommandTimeoutSeconds <= 0)
        {
            failures.Add($"{PodFactoryOptions.SectionName}:CommandTimeoutSeconds must be greater than 0 (got {options.CommandTimeoutSeconds}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>True for <c>^[A-Za-z0-9_]+$</c> (and no longer than MySQL allows): the table name is interpolated into SQL.</summary>
    public static bool IsPlainIdentifier(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxIdentifierLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
