namespace Productivity.Infrastructure.Displays;

/// <summary>A refused change to a display device; the message is safe to show to the Admin.</summary>
public sealed class DisplayAdministrationException(string message) : Exception(message);
