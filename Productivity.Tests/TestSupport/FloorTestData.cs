using Productivity.Core.Activities;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// Rows for shop-floor tests: an employee with a stored score, activity windows stored as attributed to that day and the
/// day's items per action (as the recompute leaves them) and optionally an open shift.
/// </summary>
public static class FloorTestData
{
    public static async Task<int> AddEmployeeDayAsync(ProductivityDbContext db, string name, DateOnly day, DateTime windowStartUtc,
        double points, double activeMinutes, (string Action, int Items)[] windows, DateTime? openShiftSinceUtc = null)
    {
        var employee = new Employee { Name = name, CreatedUtc = windowStartUtc, UpdatedUtc = windowStartUtc };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        var start = windowStartUtc;
        foreach (var (action, items) in windows)
        {
            db.Activities.Add(new ActivityRecord
            {
                PodFactoryId = Random.Shared.NextInt64(1, long.MaxValue),
                EmployeeId = employee.Id,
                Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.test",
                Action = action,
                ItemsCount = items,
                WindowStartUtc = start,
                WindowEndUtc = start.AddMinutes(10),
                SourceCreatedUtc = start.AddMinutes(11),
                UpdatedUtc = start.AddMinutes(11),
                BusinessDay = day,
            });
            start = start.AddMinutes(10);
        }
        db.DailyActionTotals.AddRange(windows.GroupBy(w => w.Action).Select(g => new DailyActionTotal
        {
            EmployeeId = employee.Id,
            BusinessDay = day,
            Action = g.Key,
            Items = g.Sum(w => w.Items),
            Windows = g.Count(),
        }));
        db.DailyScores.Add(new DailyScore
        {
            EmployeeId = employee.Id,
            BusinessDay = day,
            Items = windows.Sum(w => w.Items),
            Points = points,
            ActiveMinutes = activeMinutes,
            ClockedMinutes = activeMinutes,
            ComputedUtc = windowStartUtc,
        });
        if (openShiftSinceUtc is { } clockIn)
        {
            db.Shifts.Add(new Shift
            {
                EmployeeId = employee.Id,
                ClockId = 1,
                ConnecteamShiftId = Guid.NewGuid().ToString("N"),
                ClockInUtc = clockIn,
                BusinessDay = day,
                UpdatedUtc = windowStartUtc,
            });
        }
        await db.SaveChangesAsync();
        return employee.Id;
    }
}
