namespace Productivity.Infrastructure.Mappings;

/// <summary>A refused mapping change; the message is safe to show.</summary>
public sealed class MappingException(string message) : Exception(message);
