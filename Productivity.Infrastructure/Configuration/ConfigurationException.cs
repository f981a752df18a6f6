namespace Productivity.Infrastructure.Configuration;

/// <summary>A configuration or start-up problem that the operator must fix; its message names the key or service.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
