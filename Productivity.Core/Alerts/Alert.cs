namespace Productivity.Core.Alerts;

/// <summary>
/// One alert: opened when its rule's condition began to hold for a subject, held (<see cref="LastHeldUtc"/>) on every
/// evaluation that still finds it, closed when it stopped holding. A later occurrence for the same subject is a new row.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public AlertKind Kind { get; set; }

    /// <summary>Which thing the alert is about, stable across evaluations (<see cref="AlertSubjects"/>).</summary>
    public required string SubjectKey { get; set; }

    /// <summary>
    /// <see cref="AlertSubjects.OpenKey"/> while open, null once closed. Unique in the database, so two evaluators
    /// (two nodes) can never both open the same alert: the second insert fails.
    /// </summary>
    public string? OpenKey { get; set; }

    public int? EmployeeId { get; set; }
    public DateOnly? BusinessDay { get; set; }

    /// <summary>The measured value that crossed the limit, at opening (and kept current while held); unit per kind.</summary>
    public double Measure { get; set; }

    /// <summary>The limit it crossed, in the same unit.</summary>
    public double Limit { get; set; }

    /// <summary>A count that goes with it: items unclocked, rows of the e-mail, people clocked in, failed runs.</summary>
    public int? Count { get; set; }

    /// <summary>The e-mail or job name the alert is about (data, not text).</summary>
    public string? Reference { get; set; }

    /// <summary>Since when the condition holds (last window, clock-in, last row, first failed run); durations are counted from it.</summary>
    public DateTime? SinceUtc { get; set; }

    public DateTime OpenedUtc { get; set; }
    public DateTime LastHeldUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// <summary>Who acknowledged it (user id and the name at the time), and when; null until acknowledged.</summary>
    public string? AcknowledgedById { get; set; }
    public string? AcknowledgedByName { get; set; }
    public DateTime? AcknowledgedUtc { get; set; }

    public bool IsOpen => ClosedUtc is null;
}
