using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Auditing;
using Productivity.Core.Costs;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Costs;

/// <summary>
/// Pay-rate histories: Managers and Admins read them, Admins add and remove entries (never edit one: the past keeps
/// the rate it was paid at). Every change is audited and rescores exactly the stored days whose rate it changes, so
/// their stored cost follows. Each call is one unit of work with a context of its own.
/// </summary>
public sealed class PayRateAdministration(
    IDbContextFactory<ProductivityDbContext> contexts,
    AccessCheck access,
    ScoreRecalculationService scoring,
    SyncPipeline pipeline,
    AuditLog audit,
    TimeProvider timeProvider) : IPayRateAdministration
{
    /// <summary>An employee's own rates, newest first.</summary>
    public async Task<IReadOnlyList<PayRate>> EmployeeRatesAsync(ClaimsPrincipal actor, int employeeId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PayRates.AsNoTracking().Where(r => r.EmployeeId == employeeId)
            .OrderByDescending(r => r.EffectiveFrom).ToListAsync(cancellationToken);
    }

    /// <summary>A role's default rates, newest first.</summary>
    public async Task<IReadOnlyList<PayRate>> RoleRatesAsync(ClaimsPrincipal actor, string roleName, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PayRates.AsNoTracking().Where(r => r.EmployeeId == null && r.RoleName == roleName)
            .OrderByDescending(r => r.EffectiveFrom).ToListAsync(cancellationToken);
    }

    /// <summary>Adds an employee's rate from a day on; refused when the employee already has one that day.</summary>
    public async Task<IReadOnlyCollection<EmployeeDay>> AddEmployeeRateAsync(ClaimsPrincipal actor, int employeeId, decimal hourlyRate,
        DateOnly effectiveFrom, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        Validate(hourlyRate);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.Employees.Where(e => e.Id == employeeId).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.EmployeeNotFound, employeeId.ToString(CultureInfo.InvariantCulture));
        return await AddAsync(db, actor, new PayRate { EmployeeId = employeeId, HourlyRate = hourlyRate, EffectiveFrom = effectiveFrom },
            name, cancellationToken);
    }

    /// <summary>Adds a role's default rate from a day on; refused when the role already has one that day.</summary>
    public async Task<IReadOnlyCollection<EmployeeDay>> AddRoleRateAsync(ClaimsPrincipal actor, string roleName, decimal hourlyRate,
        DateOnly effectiveFrom, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        Validate(hourlyRate);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.ActionRoles.AnyAsync(r => r.RoleName == roleName, cancellationToken))
        {
            throw new AdminActionRefusedException(AdminRefusal.RoleNotFound, roleName);
        }
        return await AddAsync(db, actor, new PayRate { RoleName = roleName, HourlyRate = hourlyRate, EffectiveFrom = effectiveFrom },
            roleName, cancellationToken);
    }

    /// <summary>Removes one entry of a history (a mistake); the days it decided fall back to the entry before it.</summary>
    public async Task<IReadOnlyCollection<EmployeeDay>> RemoveRateAsync(ClaimsPrincipal actor, long rateId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rate = await db.PayRates.SingleOrDefaultAsync(r => r.Id == rateId, cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.RateNotFound, rateId.ToString(CultureInfo.InvariantCulture));
        var name = await TargetNameAsync(db, rate, cancellationToken);
        var days = await ChangeAsync(db, Owner(rate), rate.EffectiveFrom, () =>
        {
            db.PayRates.Remove(rate);
            audit.Record(db, actor, AuditKinds.PayRate, Target(rate), name, "Removed", Describe(rate), null);
        }, cancellationToken);
        await scoring.RecalculateAsync(days, cancellationToken);
        return days;
    }

    /// <summary>
    /// Imports <c>connecteam_user_id,hourly_rate,effective_from</c> lines (header optional) as a recorded run: bad lines
    /// are rejected with their line number and reason, good ones stored, a line already stored changes nothing (so the
    /// whole file is idempotent), and a line that would replace a different stored rate of the same day is rejected
    /// (no silent overwrite). The days whose rate changed are rescored by the run.
    /// </summary>
    public Task<SyncRunResult> ImportCsvAsync(string trigger, ClaimsPrincipal actor, TextReader reader, CancellationToken cancellationToken = default) =>
        pipeline.RunAsync(SyncJobs.RateImport, trigger, ct => SyncOutcome.CollectAsync(outcome => ImportLinesAsync(actor, reader, outcome, ct), ct),
            cancellationToken);

    /// <summary>The page's upload: an Admin only, checked before the file is read.</summary>
    public async Task<CsvImport> ImportCsvAsync(ClaimsPrincipal actor, Stream csv, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        using var reader = new StreamReader(csv);
        return CsvImport.Of(await ImportCsvAsync(SyncTriggers.Manual, actor, reader, cancellationToken));
    }

    private async Task ImportLinesAsync(ClaimsPrincipal actor, TextReader reader, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var employees = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null)
            .ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => (e.Id, e.Name), cancellationToken);
        var stored = (await db.PayRates.AsNoTracking().Where(r => r.EmployeeId != null).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.EmployeeId!.Value, r.EffectiveFrom), r => r.HourlyRate);
        var added = new List<(PayRate Rate, string Name)>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (lineNumber == 1 && RateLine.IsHeader(line)))
            {
                continue;
            }
            outcome.ItemsRead++;
            var key = $"line {lineNumber}";
            // The value comes last in a reason: a long one is cut short (SyncOutcome.MaxRejectedText), the explanation stays.
            if (RateLine.Parse(line, out var problem, out var value) is not { } rate)
            {
                outcome.Reject("csv", key, $"{Reason(problem!.Value)}: '{value}'");
                continue;
            }
            if (!employees.TryGetValue(rate.ConnecteamUserId, out var employee))
            {
                outcome.Reject("csv", key, $"no employee has Connecteam user id {rate.ConnecteamUserId}");
                continue;
            }
            if (stored.TryGetValue((employee.Id, rate.EffectiveFrom), out var existing))
            {
                if (existing == rate.HourlyRate)
                {
                    outcome.Unchanged++;
                }
                else
                {
                    outcome.Reject("csv", key, string.Create(CultureInfo.InvariantCulture,
                        $"{employee.Name} already has {existing} from {rate.EffectiveFrom:yyyy-MM-dd}; remove that rate on the employee page to change it"));
                }
                continue;
            }
            stored[(employee.Id, rate.EffectiveFrom)] = rate.HourlyRate;
            added.Add((new PayRate
            {
                EmployeeId = employee.Id, HourlyRate = rate.HourlyRate, EffectiveFrom = rate.EffectiveFrom, CreatedUtc = Now(),
            }, employee.Name));
            outcome.Added++;
        }
        if (added.Count == 0)
        {
            return;
        }
        var owners = new RateOwners([.. added.Select(a => a.Rate.EmployeeId!.Value).Distinct()], null);
        outcome.ChangedDays.UnionWith(await ChangeAsync(db, owners, added.Min(a => a.Rate.EffectiveFrom), () =>
        {
            foreach (var (rate, name) in added)
            {
                db.PayRates.Add(rate);
                audit.Record(db, actor, AuditKinds.PayRate, Target(rate), name, "Added", null, Describe(rate));
            }
        }, cancellationToken));
    }

    private async Task<IReadOnlyCollection<EmployeeDay>> AddAsync(ProductivityDbContext db, ClaimsPrincipal actor, PayRate rate, string targetName,
        CancellationToken cancellationToken)
    {
        if (await db.PayRates.AnyAsync(r => r.EmployeeId == rate.EmployeeId && r.RoleName == rate.RoleName && r.EffectiveFrom == rate.EffectiveFrom,
                cancellationToken))
        {
            throw new AdminActionRefusedException(AdminRefusal.RateExistsOnDay, targetName, rate.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        rate.CreatedUtc = Now();
        var days = await ChangeAsync(db, Owner(rate), rate.EffectiveFrom, () =>
        {
            db.PayRates.Add(rate);
            audit.Record(db, actor, AuditKinds.PayRate, Target(rate), targetName, "Added", null, Describe(rate));
        }, cancellationToken);
        await scoring.RecalculateAsync(days, cancellationToken);
        return days;
    }

    /// <summary>
    /// Applies a change of the rate histories (<paramref name="change"/> adds or removes entries and their audit entries)
    /// and returns exactly the stored days it affects: those of the owners' days from <paramref name="from"/> on whose
    /// rate by the one rule (<see cref="RateBook"/>) differs before and after. One query of the days, whatever the number
    /// of entries changed.
    /// </summary>
    private static async Task<IReadOnlyCollection<EmployeeDay>> ChangeAsync(ProductivityDbContext db, RateOwners owners, DateOnly from,
        Action change, CancellationToken cancellationToken)
    {
        var before = await BookAsync(db, cancellationToken);
        change();
        await db.SaveChangesAsync(cancellationToken);
        var after = await BookAsync(db, cancellationToken);
        var scores = db.DailyScores.AsNoTracking().Where(s => s.BusinessDay >= from);
        // A role's default can only change the days mainly worked in that role.
        scores = owners.EmployeeIds is { } ids ? scores.Where(s => ids.Contains(s.EmployeeId)) : scores.Where(s => s.PrimaryRole == owners.RoleName);
        var days = await scores.Select(s => new { s.EmployeeId, s.BusinessDay, s.PrimaryRole }).ToListAsync(cancellationToken);
        return days
            .Where(d => before.RateOn(d.EmployeeId, d.PrimaryRole, d.BusinessDay) != after.RateOn(d.EmployeeId, d.PrimaryRole, d.BusinessDay))
            .Select(d => new EmployeeDay(d.EmployeeId, d.BusinessDay))
            .ToHashSet();
    }

    private static async Task<RateBook> BookAsync(ProductivityDbContext db, CancellationToken cancellationToken) =>
        new(await db.PayRates.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>Whose history a change touches: some employees, or one role's defaults.</summary>
    private sealed record RateOwners(IReadOnlyCollection<int>? EmployeeIds, string? RoleName);

    private static RateOwners Owner(PayRate rate) => rate.EmployeeId is { } id ? new([id], null) : new(null, rate.RoleName);

    private static void Validate(decimal hourlyRate)
    {
        if (RateLine.Check(hourlyRate) is { } problem)
        {
            throw new AdminActionRefusedException(AdminRefusal.RateInvalid, problem.ToString());
        }
    }

    private static async Task<string?> TargetNameAsync(ProductivityDbContext db, PayRate rate, CancellationToken cancellationToken) =>
        rate.EmployeeId is { } id
            ? await db.Employees.Where(e => e.Id == id).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken)
            : rate.RoleName;

    private static string Target(PayRate rate) =>
        rate.EmployeeId is { } id ? $"employee:{id.ToString(CultureInfo.InvariantCulture)}" : $"role:{rate.RoleName}";

    private static string Describe(PayRate rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{rate.HourlyRate} per hour from {rate.EffectiveFrom:yyyy-MM-dd}");

    // Recorded in the run's details (like the mapping import's reasons), with the value after it.
    private static string Reason(RateProblem problem) => problem switch
    {
        RateProblem.WrongColumnCount => "expected three columns: connecteam_user_id,hourly_rate,effective_from",
        RateProblem.InvalidUserId => "not a Connecteam user id",
        RateProblem.InvalidRate => "not an hourly rate (digits and '.' only)",
        RateProblem.RateNotPositive => "the rate must be more than zero",
        RateProblem.RateTooHigh => "the rate is over 10000 an hour",
        RateProblem.RateTooPrecise => "the rate has more than four decimals",
        RateProblem.InvalidDate => "not a date written as YYYY-MM-DD",
        _ => problem.ToString(),
    };

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;
}
