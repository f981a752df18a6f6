using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Web;

/// <summary>Turns start-up failures caused by configuration or unreachable services into one readable line.</summary>
internal static class StartupFailure
{
    public static string? Describe(Exception ex) => ex switch
    {
        ConfigurationException config => config.Message,
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.Count == 1 => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
