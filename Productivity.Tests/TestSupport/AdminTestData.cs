using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Activities;
using Productivity.Core.Employees;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.TestSupport;

/// <summary>Arranges what the admin services work on, straight in the database of a <see cref="TestHost"/>.</summary>
internal static class AdminTestData
{
    /// <summary>A business day in America/Chicago (UTC−6): 14:00 UTC is 08:00 on the floor.</summary>
    public static readonly DateOnly Day = new(2025, 12, 10);

    public static DateTime At(int hourUtc, int minute = 0) => new(2025, 12, 10, hourUtc, minute, 0, DateTimeKind.Utc);

    public static Task<ClaimsPrincipal> AdminAsync(IServiceProvider services) =>
        TestPrincipals.AdminAsync(services);

    public static async Task<ClaimsPrincipal> UserAsync(IServiceProvider services, string role)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(user, "A-long-enough-password-1")).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
    }

    public static async Task<int> EmployeeAsync(TestHost host, string name, bool clockedIn = true)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employee = new Employee { Name = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@connecteam.test" };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        if (clockedIn)
        {
            db.Shifts.Add(new Shift
            {
                EmployeeId = employee.Id,
                ClockId = 1,
                ConnecteamShiftId = $"shift-{employee.Id}",
                ClockInUtc = At(14),
                ClockOutUtc = At(22),
                BusinessDay = Day,
            });
            await db.SaveChangesAsync();
        }
        return employee.Id;
    }

    /// <summary>A PodFactory e-mail that no mapping covers: pending, with <paramref name="windows"/> unattributed 10-minute windows.</summary>
    public static async Task PendingAsync(TestHost host, string email, string? podFactoryName, int windows = 0, int itemsPerWindow = 5)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        db.PendingMappings.Add(new PendingMapping
        {
            Email = email,
            PodFactoryName = podFactoryName,
            FirstSeenUtc = At(14),
            LastSeenUtc = At(20),
            Status = PendingMappingStatus.Pending,
        });
        var seed = Math.Abs(email.GetHashCode(StringComparison.Ordinal)) % 100_000 * 1000L;
        for (var i = 0; i < windows; i++)
        {
            db.Activities.Add(new ActivityRecord
            {
                PodFactoryId = seed + i,
                Email = email,
                UserName = podFactoryName,
                Action = "In Production",
                ItemsCount = itemsPerWindow,
                WindowStartUtc = At(15).AddMinutes(10 * i),
                WindowEndUtc = At(15).AddMinutes(10 * i + 10),
                SourceCreatedUtc = At(15).AddMinutes(10 * i + 11),
            });
        }
        await db.SaveChangesAsync();
    }

    public static async Task SetConnecteamUserIdAsync(TestHost host, int employeeId, long userId)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        (await db.Employees.SingleAsync(e => e.Id == employeeId)).ConnecteamUserId = userId;
        await db.SaveChangesAsync();
    }

    public static async Task<T> QueryAsync<T>(TestHost host, Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }
}
