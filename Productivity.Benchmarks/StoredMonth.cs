using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Costs;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Benchmarks;

/// <summary>
/// December 2025 as the recompute leaves it for N employees: one stored daily score per employee and day, with its cost
/// at the employee's rate (every tenth employee has none: empty money), names of varied length and script, most linked
/// to Connecteam. The exports and the labour-cost page read nothing else.
/// </summary>
internal static class StoredMonth
{
    public static readonly DateOnly First = new(2025, 12, 1);
    public static readonly DateOnly Last = new(2025, 12, 31);

    public static int Days => Last.DayNumber - First.DayNumber + 1;

    /// <returns>The number of stored days.</returns>
    public static async Task<int> SeedAsync(IServiceProvider services, int employeeCount)
    {
        var random = new Random(7);
        var roles = DefaultRoles.All.Select(r => r.RoleName).Distinct().Append(null).ToArray();
        var count = 0;
        for (var e = 0; e < employeeCount; e += 100)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var employees = Enumerable.Range(e, Math.Min(100, employeeCount - e))
                .Select(i => new Employee
                {
                    Name = i % 10 == 0 ? $"Zoë Ñúñez-{i:000}" : $"Employee {i:000} {new string('x', i % 12)}",
                    Email = $"employee{i:000}@example.test",
                    ConnecteamUserId = i % 7 == 0 ? null : 9_000_000 + i,
                })
                .ToList();
            db.Employees.AddRange(employees);
            await db.SaveChangesAsync();
            foreach (var (employee, index) in employees.Select((employee, i) => (employee, e + i)))
            {
                decimal? rate = index % 10 == 9 ? null : 15m + (index % 10) + 0.25m;
                for (var day = First; day <= Last; day = day.AddDays(1))
                {
                    var clocked = 480 + random.Next(0, 60);
                    var paid = clocked + (random.Next(0, 4) == 0 ? 15 : 0);
                    var active = Math.Round(clocked * (0.5 + (random.NextDouble() * 0.45)), 2);
                    var standard = Math.Round(active * (0.6 + (random.NextDouble() * 0.6)), 2);
                    var idle = Math.Round(clocked - active, 2);
                    var items = random.Next(50, 900);
                    var cost = LabourCost.OfDay(rate, paid, idle, items, standard);
                    db.DailyScores.Add(new DailyScore
                    {
                        EmployeeId = employee.Id,
                        BusinessDay = day,
                        Items = items,
                        Points = standard,
                        ClockedMinutes = clocked,
                        PaidMinutes = paid,
                        ActiveMinutes = active,
                        IdleMinutes = idle,
                        Utilization = Math.Round(active / clocked, 4),
                        StandardMinutes = standard,
                        Performance = Math.Round(standard / active, 4),
                        PrimaryRole = roles[random.Next(roles.Length)],
                        UnclockedItems = random.Next(0, 3),
                        UnclockedWindows = random.Next(0, 2),
                        Sessions = 1,
                        HourlyRate = cost.HourlyRate,
                        LabourCost = cost.LabourCost,
                        IdleCost = cost.IdleCost,
                        ComputedUtc = DateTime.UtcNow,
                    });
                    count++;
                }
            }
            await db.SaveChangesAsync();
        }
        return count;
    }
}
