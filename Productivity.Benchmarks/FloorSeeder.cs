using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;

namespace Productivity.Benchmarks;

/// <summary>Stores a floor's people and clock sessions through EF, as the sync would have left them (not timed).</summary>
public static class FloorSeeder
{
    public const long ClockId = 9001;

    /// <summary>Employees with their Connecteam user id and a verified e-mail mapping; returns employee index → id.</summary>
    public static async Task<int[]> AddEmployeesAsync(BenchHost host, SyntheticFloor floor, bool withMappings = true)
    {
        var now = DateTime.UtcNow;
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employees = floor.Employees.Select(e => new Employee
        {
            Name = e.Name,
            Email = e.Email,
            ConnecteamUserId = e.ConnecteamUserId,
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToList();
        db.Employees.AddRange(employees);
        await db.SaveChangesAsync();
        if (withMappings)
        {
            db.EmployeeEmails.AddRange(employees.Select(e => new EmployeeEmail
            {
                EmployeeId = e.Id,
                Email = e.Email!,
                IsVerified = true,
                Source = MappingSources.ConnecteamEmail,
                CreatedUtc = now,
                VerifiedUtc = now,
                VerifiedBy = "automatic",
            }));
            await db.SaveChangesAsync();
        }
        return [.. employees.Select(e => e.Id)];
    }

    /// <summary>Employee index → id of employees already stored (e.g. by the employee sync), by Connecteam user id.</summary>
    public static async Task<int[]> EmployeeIdsAsync(BenchHost host, SyntheticFloor floor)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var ids = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => e.Id);
        return [.. floor.Employees.Select(e => ids[e.ConnecteamUserId])];
    }

    public static async Task AddShiftsAsync(BenchHost host, SyntheticFloor floor, int[] employeeIds)
    {
        var now = DateTime.UtcNow;
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var number = 0;
        db.Shifts.AddRange(floor.Shifts.Select(s => new Shift
        {
            EmployeeId = employeeIds[s.Employee],
            ClockId = ClockId,
            ConnecteamShiftId = $"seed-{++number}",
            ClockInUtc = s.InUtc,
            ClockOutUtc = s.OutUtc,
            BusinessDay = s.Day,
            UpdatedUtc = now,
            Breaks = [new ShiftBreak { ConnecteamBreakId = $"seed-break-{number}", StartUtc = s.BreakStartUtc, EndUtc = s.BreakEndUtc }],
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>The stored form of the floor's windows, attributed, with PodFactory ids 1..n in created order.</summary>
    public static List<ActivityRow> ActivityRows(SyntheticFloor floor, IReadOnlyList<FloorWindow> windows, int[] employeeIds)
    {
        var now = DateTime.UtcNow;
        return [.. windows.Select((w, i) =>
        {
            var employee = floor.Employees[w.Employee];
            return new ActivityRow(i + 1, employeeIds[w.Employee], employee.Email, employee.Name, employee.Role, w.ActionName, w.Items,
                w.StartUtc, w.EndUtc, w.CreatedUtc, now);
        })];
    }
}
