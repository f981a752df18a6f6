using Productivity.Core.Scoring;
using Productivity.Infrastructure.Exceptions;

namespace Productivity.Web.Components.Pages.Exceptions;

/// <summary>How each kind of the exceptions list reads.</summary>
internal static class ExceptionKindText
{
    public static string Describe(string kind) => kind switch
    {
        nameof(DataQualityIssue.ProductionOutsideSession) => "Production outside a clock session",
        nameof(DataQualityIssue.OpenShiftCapped) => "Open shift capped (forgotten clock-out?)",
        nameof(DataQualityIssue.UnknownAction) => "Action with no role",
        nameof(DataQualityIssue.ShiftWithoutProduction) => "Clocked in without production",
        ExceptionKinds.UnmappedEmail => "Unmapped PodFactory e-mail",
        _ => kind,
    };
}
