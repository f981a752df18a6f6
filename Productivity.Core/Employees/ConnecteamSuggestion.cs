namespace Productivity.Core.Employees;

/// <summary>An employee record with a Connecteam user id whose name resembles (Dice ≥ 0.2) the unlinked employee's.</summary>
/// <param name="Rank">"likely" or "possible" (<see cref="NameSimilarity.Rank"/>).</param>
public sealed record ConnecteamSuggestion(int EmployeeId, string Name, long ConnecteamUserId, double Score, string Rank);
