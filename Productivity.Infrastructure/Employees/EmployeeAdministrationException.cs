namespace Productivity.Infrastructure.Employees;

/// <summary>A refused employee change; the message is safe to show to the Admin.</summary>
public sealed class EmployeeAdministrationException(string message) : Exception(message);
