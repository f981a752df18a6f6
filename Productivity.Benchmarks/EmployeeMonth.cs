using Productivity.Core.Scoring;

namespace Productivity.Benchmarks;

/// <summary>One employee's shifts and windows for a month: the input of one calculator call.</summary>
public sealed record EmployeeMonth(IReadOnlyList<ScoringShift> Shifts, IReadOnlyList<ScoringWindow> Windows);
