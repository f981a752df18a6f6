namespace Productivity.Core.Scoring;

/// <summary>
/// One PodFactory activity window of the employee being scored: <see cref="Items"/> items of <see cref="Action"/>
/// in [<see cref="StartUtc"/>, <see cref="EndUtc"/>), normally 10 minutes. UTC instants (the Kind is ignored).
/// </summary>
/// <param name="Id">The PodFactory row id; the last tiebreak when windows are ordered.</param>
/// <param name="Action">The PodFactory action; looked up in the <see cref="RoleTable"/>.</param>
/// <param name="Items">Items counted in the window (≥ 0).</param>
/// <param name="StartUtc">Window start.</param>
/// <param name="EndUtc">Window end (&gt; start).</param>
public sealed record ScoringWindow(long Id, string Action, int Items, DateTime StartUtc, DateTime EndUtc);
