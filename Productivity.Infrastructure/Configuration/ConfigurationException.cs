namespace Productivity.Infrastructure.Configuration;

/// <summary>A configuration or start-up problem that the operator must fix; its message names the key or service.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The message is the whole story for the operator, so logs (the host logs a failed start-up) show it without
    /// a stack trace; the cause stays available in <see cref="Exception.InnerException"/>.
    /// </summary>
    public override string ToString() => $"{GetType().FullName}: {Message}";
}
