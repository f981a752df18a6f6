namespace Productivity.Core.Alerts;

/// <summary>
/// A rule's condition found holding for one subject at one evaluation: what an open alert is made of. The numbers are
/// as described on <see cref="Alert"/>.
/// </summary>
public sealed record AlertCondition(
    AlertKind Kind,
    string SubjectKey,
    double Measure,
    double Limit,
    int? EmployeeId = null,
    DateOnly? BusinessDay = null,
    int? Count = null,
    string? Reference = null,
    DateTime? SinceUtc = null)
{
    public string OpenKey => AlertSubjects.OpenKey(Kind, SubjectKey);
}
