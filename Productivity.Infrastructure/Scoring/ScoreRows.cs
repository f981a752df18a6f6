using System.Globalization;
using Productivity.Core.Costs;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Scoring;

/// <summary>Maps calculator results to stored rows.</summary>
internal static class ScoreRows
{
    public static DailyScore Score(int employeeId, EmployeeDayScore day, DateTime computedUtc, RateBook rates)
    {
        var cost = LabourCost.OfDay(rates.RateOn(employeeId, day.PrimaryRole, day.BusinessDay), day.PaidMinutes, day.IdleMinutes,
            day.Items, day.StandardMinutes);
        return new()
        {
            EmployeeId = employeeId,
            BusinessDay = day.BusinessDay,
            Items = day.Items,
            Points = day.Points,
            ClockedMinutes = day.ClockedMinutes,
            ActiveMinutes = day.ActiveMinutes,
            IdleMinutes = day.IdleMinutes,
            Utilization = day.Utilization,
            StandardMinutes = day.StandardMinutes,
            Performance = day.Performance,
            PrimaryRole = day.PrimaryRole,
            UnclockedItems = day.UnclockedItems,
            UnclockedWindows = day.UnclockedWindows,
            Sessions = day.Sessions,
            OpenCapped = day.OpenCapped,
            PaidMinutes = day.PaidMinutes,
            HourlyRate = cost.HourlyRate,
            LabourCost = cost.LabourCost,
            IdleCost = cost.IdleCost,
            ComputedUtc = computedUtc,
        };
    }

    public static IdlePeriodRecord Idle(int employeeId, DateOnly day, IdlePeriod period) => new()
    {
        EmployeeId = employeeId,
        BusinessDay = day,
        ShiftId = long.Parse(period.ShiftId, CultureInfo.InvariantCulture),
        StartUtc = period.StartUtc,
        EndUtc = period.EndUtc,
        GapMinutes = period.GapMinutes,
        AllowanceMinutes = period.AllowanceMinutes,
        ExcessMinutes = period.ExcessMinutes,
        Rule = period.Rule,
        WindowPodFactoryId = period.WindowId,
        WindowAction = period.WindowAction,
        WindowItems = period.WindowItems,
    };

    public static DataQualityRecord Quality(int employeeId, DateOnly day, DataQualityFlag flag) => new()
    {
        EmployeeId = employeeId,
        BusinessDay = day,
        Issue = flag.Issue,
        Subject = flag.Subject.Length > 200 ? flag.Subject[..200] : flag.Subject,
        Items = flag.Items,
        StartUtc = flag.StartUtc,
        EndUtc = flag.EndUtc,
    };
}
