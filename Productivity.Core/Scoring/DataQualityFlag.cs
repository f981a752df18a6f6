namespace Productivity.Core.Scoring;

/// <summary>One data-quality finding of a day.</summary>
/// <param name="Issue">What is wrong.</param>
/// <param name="Subject">
/// The window id (<see cref="DataQualityIssue.ProductionOutsideSession"/>), the shift id
/// (<see cref="DataQualityIssue.OpenShiftCapped"/>, <see cref="DataQualityIssue.ShiftWithoutProduction"/>) or the
/// action name (<see cref="DataQualityIssue.UnknownAction"/>).
/// </param>
/// <param name="Items">Items of the window, or of all the day's windows of the unknown action; 0 for shifts.</param>
/// <param name="StartUtc">Window start, session start, or first window start of the unknown action.</param>
/// <param name="EndUtc">Window end, session end (capped end for an open shift), or last window end of the unknown action.</param>
public sealed record DataQualityFlag(DataQualityIssue Issue, string Subject, int Items, DateTime StartUtc, DateTime EndUtc);
