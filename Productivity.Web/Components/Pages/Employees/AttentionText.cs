using Productivity.Core.Employees;

namespace Productivity.Web.Components.Pages.Employees;

internal static class AttentionText
{
    public static IEnumerable<string> Of(AttentionReasons reasons)
    {
        if (reasons.HasFlag(AttentionReasons.NoConnecteamLink))
        {
            yield return "No Connecteam link";
        }
        if (reasons.HasFlag(AttentionReasons.EmailAwaitingVerification))
        {
            yield return "E-mail awaiting verification";
        }
        if (reasons.HasFlag(AttentionReasons.ClockedInWithoutMapping))
        {
            yield return "Clocked in without a PodFactory e-mail";
        }
    }
}
