namespace Productivity.Infrastructure.Integrations.PodFactory;

/// <summary>PodFactory could not be read (unreachable, misconfigured or failing query); the message never contains a password.</summary>
public sealed class PodFactorySourceException(string message, Exception? inner = null) : Exception(message, inner);
