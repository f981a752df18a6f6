namespace Productivity.Core.Employees;

/// <summary>The "Needs attention" rules, shared by the list and the employee page.</summary>
public static class AttentionRules
{
    public static AttentionReasons Of(bool isArchived, bool isContractor, long? connecteamUserId, int verifiedEmails, int unverifiedEmails,
        bool isClockedIn)
    {
        if (isArchived)
        {
            return AttentionReasons.None;
        }
        var reasons = AttentionReasons.None;
        if (connecteamUserId is null && !isContractor)
        {
            reasons |= AttentionReasons.NoConnecteamLink;
        }
        if (unverifiedEmails > 0)
        {
            reasons |= AttentionReasons.EmailAwaitingVerification;
        }
        if (isClockedIn && verifiedEmails == 0)
        {
            reasons |= AttentionReasons.ClockedInWithoutMapping;
        }
        return reasons;
    }
}
