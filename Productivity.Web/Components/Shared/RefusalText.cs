using Productivity.Infrastructure.Security;

namespace Productivity.Web.Components.Shared;

/// <summary>The sentence an Admin reads when a service refuses what they asked.</summary>
public static class RefusalText
{
    /// <summary>The sentence for a refusal; null for any other exception (a fault, which the page does not swallow).</summary>
    public static string? Of(Exception exception) => exception switch
    {
        AdminActionRefusedException refused => Of(refused.Reason, refused.Details),
        AccessDeniedException denied => Of(denied),
        UnauthorizedAccessException => InactiveAccount,
        _ => null,
    };

    private const string InactiveAccount = "Sign in with an active account.";

    /// <summary>Who may do this, or that the account no longer may act at all.</summary>
    public static string Of(AccessDeniedException denied) => denied.Reason == AccessDenial.RoleRequired
        ? $"Only {string.Join(" or ", denied.Roles)} may do this."
        : InactiveAccount;

    public static string Of(AdminRefusal reason, IReadOnlyList<string> details)
    {
        string Detail(int index) => index < details.Count ? details[index] : "";
        return reason switch
        {
            AdminRefusal.InvalidEmail => "Enter a valid e-mail address.",
            AdminRefusal.UserEmailTaken => $"A user with the e-mail {Detail(0)} already exists.",
            AdminRefusal.UserNotFound => "That user no longer exists.",
            AdminRefusal.UnknownRole => $"Unknown role: {string.Join(", ", details)}.",
            AdminRefusal.CannotDemoteLastAdmin => "You cannot remove the Admin role from the last active Admin.",
            AdminRefusal.CannotLockLastAdmin => "You cannot lock the last active Admin.",
            AdminRefusal.CannotDisableLastAdmin => "You cannot disable the last active Admin.",
            AdminRefusal.IdentityRejected => string.Join(" ", details),
            AdminRefusal.EmployeeNotFound => $"Employee {Detail(0)} does not exist.",
            AdminRefusal.EmailMissing => "Enter an e-mail.",
            AdminRefusal.EmailAlreadyCredited => $"{Detail(0)} is already credited to this employee.",
            AdminRefusal.EmailNotCredited => "That e-mail is not credited to this employee.",
            AdminRefusal.EmailCreditedElsewhere => $"{Detail(0)} is already credited to another employee; remove that mapping first.",
            AdminRefusal.MappingNotPending => $"{Detail(0)} is not waiting for a mapping.",
            AdminRefusal.InvalidConnecteamUserId => "A Connecteam user id is a positive number.",
            AdminRefusal.ConnecteamUserIdTaken =>
                $"Connecteam user {Detail(0)} is already linked to {Detail(1)} (employee {Detail(2)}); unlink it there first.",
            AdminRefusal.InvalidDisplayName => $"Enter a name of 1 to {Detail(0)} characters.",
            AdminRefusal.DisplayNameTaken => $"An active display is already called {Detail(0)}.",
            AdminRefusal.DisplayNotFound => "This display does not exist.",
            AdminRefusal.RoleFieldsRequired => "Action, role name and department are required.",
            AdminRefusal.RoleRateNotPositive => $"Role '{Detail(0)}' needs a positive expected items per hour.",
            AdminRefusal.RoleThresholdMissing => $"Continuous role '{Detail(0)}' needs an idle threshold.",
            AdminRefusal.NegativePoints => "Points per item cannot be negative.",
            AdminRefusal.ParametersOutOfRange =>
                $"Allowances and thresholds must be zero or more; the batch factor must be positive and the open-shift cap more than 0 and at most {Detail(0)} hours.",
            AdminRefusal.RateInvalid => Detail(0) switch
            {
                nameof(Core.Costs.RateProblem.RateTooHigh) => "An hourly rate is at most 10,000.",
                nameof(Core.Costs.RateProblem.RateTooPrecise) => "An hourly rate has at most four decimals.",
                _ => "An hourly rate is more than zero.",
            },
            AdminRefusal.RateExistsOnDay =>
                $"{Detail(0)} already has a rate from {Detail(1)}; remove it first to replace it (the history keeps one rate per day).",
            AdminRefusal.RateNotFound => "That rate no longer exists.",
            AdminRefusal.RoleNotFound => $"There is no role '{Detail(0)}'.",
            AdminRefusal.EmptyRange => "The last day must not be before the first.",
            AdminRefusal.RecomputeNotFound => "That recompute is no longer known on this node.",
            AdminRefusal.UnknownJob => $"There is no job '{Detail(0)}'.",
            AdminRefusal.SyncRunNotFound => $"Sync run {Detail(0)} does not exist.",
            AdminRefusal.AlertRuleInvalid => string.Join(" ", details.Select(AlertRuleText.Problem)),
            AdminRefusal.AlertRuleNotFound => $"There is no alert rule '{Detail(0)}'.",
            _ => $"Refused ({reason}).",
        };
    }
}
