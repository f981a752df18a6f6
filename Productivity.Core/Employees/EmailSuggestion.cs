namespace Productivity.Core.Employees;

/// <summary>A pending PodFactory e-mail whose PodFactory name (or address) resembles the employee's name.</summary>
/// <param name="Rank">"likely" or "possible" (<see cref="NameSimilarity.Rank"/>).</param>
public sealed record EmailSuggestion(string Email, string? PodFactoryName, double Score, string Rank);
