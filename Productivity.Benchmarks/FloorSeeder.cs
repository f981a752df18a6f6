using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Activities;
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
    public static async Task<int[]> AddEmployeesAsync(IServiceProvider services, SyntheticFloor floor, bool withMappings = true)
    {
        var now = DateTime.UtcNow;
        await using var scope = services.CreateAsyncScope();
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
    public static async Task<int[]> EmployeeIdsAsync(IServiceProvider services, SyntheticFloor floor)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var ids = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => e.Id);
        return [.. floor.Employees.Select(e => ids[e.ConnecteamUserId])];
    }

    /// <summary>
    /// The floor's shifts with their breaks; with <paramref name="untilUtc"/> only what had happened by then: later shifts
    /// are left out, a shift or break still running has no end yet (clocked in now, on break now).
    /// </summary>
    public static async Task AddShiftsAsync(IServiceProvider services, SyntheticFloor floor, int[] employeeIds, DateTime? untilUtc = null)
    {
        var now = DateTime.UtcNow;
        var until = untilUtc ?? DateTime.MaxValue;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var number = 0;
        db.Shifts.AddRange(floor.Shifts.Where(s => s.InUtc < until).Select(s => new Shift
        {
            EmployeeId = employeeIds[s.Employee],
            ClockId = ClockId,
            ConnecteamShiftId = $"seed-{++number}",
            ClockInUtc = s.InUtc,
            ClockOutUtc = s.OutUtc <= until ? s.OutUtc : null,
            BusinessDay = s.Day,
            UpdatedUtc = now,
        }));
        db.ManualBreaks.AddRange(floor.Shifts.Where(s => s.BreakStartUtc < until).Select(s => new ManualBreak
        {
            EmployeeId = employeeIds[s.Employee],
            ClockId = ClockId,
            ConnecteamBreakId = $"seed-break-{++number}",
            StartUtc = s.BreakStartUtc,
            EndUtc = s.BreakEndUtc <= until ? s.BreakEndUtc : null,
            BusinessDay = s.Day,
            UpdatedUtc = now,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Stores windows as the PodFactory sync leaves them (attributed, PodFactory ids 1..n) through EF, so it works on
    /// every provider; <see cref="ActivityBulkInsert"/> is the faster MySQL-only path.
    /// </summary>
    public static async Task AddActivitiesAsync(IServiceProvider services, SyntheticFloor floor, IReadOnlyList<FloorWindow> windows, int[] employeeIds)
    {
        const int Batch = 2_000;
        var rows = ActivityRows(floor, windows, employeeIds);
        for (var start = 0; start < rows.Count; start += Batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            db.Activities.AddRange(rows.Skip(start).Take(Batch).Select(r => new ActivityRecord
            {
                PodFactoryId = r.PodFactoryId,
                EmployeeId = r.EmployeeId,
                Email = r.Email,
                UserName = r.UserName,
                UserRole = r.UserRole,
                Action = r.Action,
                ItemsCount = r.ItemsCount,
                WindowStartUtc = r.WindowStartUtc,
                WindowEndUtc = r.WindowEndUtc,
                SourceCreatedUtc = r.SourceCreatedUtc,
                UpdatedUtc = r.UpdatedUtc,
            }));
            await db.SaveChangesAsync();
        }
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
