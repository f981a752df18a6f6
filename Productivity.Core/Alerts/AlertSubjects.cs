namespace Productivity.Core.Alerts;

/// <summary>The subject keys of alerts: the same thing gives the same key on every evaluation and every node.</summary>
public static class AlertSubjects
{
    public const string FeedSubject = "podfactory";

    public static string EmployeeDay(int employeeId, DateOnly day) => $"employee:{employeeId}:{day:yyyy-MM-dd}";

    public static string Session(int employeeId, long sessionId) => $"employee:{employeeId}:session:{sessionId}";

    public static string Email(string email, DateOnly day) => $"email:{email}:{day:yyyy-MM-dd}";

    public static string Job(string job) => $"job:{job}";

    /// <summary>The value of <see cref="Alert.OpenKey"/> while open: kind and subject.</summary>
    public static string OpenKey(AlertKind kind, string subjectKey) => $"{kind}|{subjectKey}";
}
