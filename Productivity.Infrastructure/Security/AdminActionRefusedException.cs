namespace Productivity.Infrastructure.Security;

/// <summary>Why an admin service refused an action; Productivity.Web turns each into the sentence the Admin reads.</summary>
public enum AdminRefusal
{
    // Users
    InvalidEmail,
    UserEmailTaken,
    UserNotFound,
    UnknownRole,
    CannotDemoteLastAdmin,
    CannotLockLastAdmin,
    CannotDisableLastAdmin,
    IdentityRejected,

    // Employees and their e-mails
    EmployeeNotFound,
    EmailMissing,
    EmailAlreadyCredited,
    EmailNotCredited,
    EmailCreditedElsewhere,
    MappingNotPending,
    InvalidConnecteamUserId,
    ConnecteamUserIdTaken,

    // Displays
    InvalidDisplayName,
    DisplayNameTaken,
    DisplayNotFound,

    // Roles and parameters
    RoleFieldsRequired,
    RoleRateNotPositive,
    RoleThresholdMissing,
    NegativePoints,
    ParametersOutOfRange,

    // Pay rates
    RateInvalid,
    RateExistsOnDay,
    RateNotFound,
    RoleNotFound,

    // Recomputes and sync
    EmptyRange,
    RecomputeNotFound,
    UnknownJob,
    SyncRunNotFound,

    // Alert rules
    /// <summary>Details: the <see cref="Core.Alerts.AlertRuleProblem"/> names.</summary>
    AlertRuleInvalid,
    AlertRuleNotFound,
}

/// <summary>
/// An admin action refused because of what was asked (not who asked: a caller without the right gets
/// <see cref="UnauthorizedAccessException"/> from <see cref="AccessCheck"/>). It carries a reason and the values the
/// sentence names (an e-mail, a name, an id), never the sentence itself; the message is for logs.
/// </summary>
public sealed class AdminActionRefusedException(AdminRefusal reason, params string[] details)
    : Exception(details.Length == 0 ? reason.ToString() : $"{reason}: {string.Join(", ", details)}")
{
    public AdminRefusal Reason { get; } = reason;

    /// <summary>The values the refusal is about, in the order <see cref="Reason"/> documents them in Web.</summary>
    public IReadOnlyList<string> Details { get; } = details;
}
