using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Web;

/// <summary>Turns start-up failures caused by configuration or unreachable services into one readable line.</summary>
internal static partial class StartupFailure
{
    private const string BinderAssembly = "Microsoft.Extensions.Configuration.Binder";

    public static string? Describe(Exception ex) => ex switch
    {
        ConfigurationException config => config.Message,
        OptionsValidationException options => string.Join(" ", options.Failures.Select(WithoutMemberName)),
        // The configuration binder (BindConfiguration, Get<T>) throws this when a value cannot be converted, e.g.
        // "abc" for a whole number; ValidateOnStart makes that happen at start-up.
        InvalidOperationException { Source: BinderAssembly } binding => DescribeBinding(binding),
        AggregateException aggregate => DescribeAll(aggregate.InnerExceptions),
        _ => null,
    };

    /// <summary>Several options failed at once (ValidateOnStart reports them together): one line with all, or null if any is unknown.</summary>
    private static string? DescribeAll(IReadOnlyCollection<Exception> exceptions)
    {
        var messages = exceptions.Select(Describe).ToList();
        return messages.Count > 0 && messages.All(m => m is not null) ? string.Join(" ", messages) : null;
    }

    /// <summary>
    /// Generated validators put the C# property first ("DailyGoal: Dashboard:DailyGoal must be …"); the message itself
    /// names the configuration key, so the property is dropped.
    /// </summary>
    private static string WithoutMemberName(string failure) => MemberPrefix().Replace(failure, "");

    private static string DescribeBinding(InvalidOperationException ex)
    {
        var match = FailedConversion().Match(ex.Message);
        if (!match.Success)
        {
            return ex.Message;
        }
        var key = match.Groups["key"].Value;
        var type = TypeNamed(match.Groups["type"].Value);
        var expected = type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(double) || type == typeof(decimal) => "a number",
            _ when type == typeof(TimeSpan) => "a duration such as 00:05:00",
            { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ => $"a {match.Groups["type"].Value}",
        };
        var value = match.Groups["value"].Success ? $" (got '{match.Groups["value"].Value}')" : "";
        return $"{key} must be {expected}{value}.";
    }

    /// <summary>A type by its full name: Type.GetType finds only the runtime's own and this assembly's types, not an
    /// options enum of Productivity.Infrastructure (Email:Security).</summary>
    private static Type? TypeNamed(string fullName) =>
        Type.GetType(fullName)
        ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t is not null);

    // "Failed to convert configuration value 'abc' at 'Security:RevalidationSeconds' to type 'System.Int32'." (older
    // runtimes leave the value out).
    [GeneratedRegex(@"^(?<member>\w+): (?=\S*:\k<member>\b)")]
    private static partial Regex MemberPrefix();

    [GeneratedRegex(@"configuration value (?:'(?<value>.*)' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex FailedConversion();
}
