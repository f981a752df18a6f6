namespace Productivity.Core.Costs;

/// <summary>
/// The labour-cost rule "the rate of a business day": the latest rate effective on or before that day, the employee's
/// own first and else the default of the role the day was worked in (its primary role); none when neither exists.
/// Immutable once built; built from every stored rate (a site has a few per employee).
/// </summary>
public sealed class RateBook
{
    public static readonly RateBook Empty = new([]);

    private readonly Dictionary<int, (DateOnly From, decimal Rate)[]> _employees;
    private readonly Dictionary<string, (DateOnly From, decimal Rate)[]> _roles;

    public RateBook(IEnumerable<PayRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var list = rates.ToList();
        _employees = list.Where(r => r.EmployeeId is not null)
            .GroupBy(r => r.EmployeeId!.Value)
            .ToDictionary(g => g.Key, History);
        _roles = list.Where(r => r.EmployeeId is null && r.RoleName is not null)
            .GroupBy(r => r.RoleName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, History, StringComparer.Ordinal);
    }

    /// <summary>The hourly rate of <paramref name="employeeId"/>'s <paramref name="day"/>, or null (no rate: no cost).</summary>
    public decimal? RateOn(int employeeId, string? primaryRole, DateOnly day) =>
        (_employees.TryGetValue(employeeId, out var own) ? Latest(own, day) : null)
        ?? (primaryRole is not null && _roles.TryGetValue(primaryRole, out var role) ? Latest(role, day) : null);

    private static (DateOnly From, decimal Rate)[] History(IEnumerable<PayRate> rates) =>
        // Two entries on one day cannot be stored (unique index); the latest created wins should one ever slip through.
        rates.OrderBy(r => r.EffectiveFrom).ThenBy(r => r.Id).Select(r => (r.EffectiveFrom, r.HourlyRate)).ToArray();

    private static decimal? Latest((DateOnly From, decimal Rate)[] history, DateOnly day)
    {
        decimal? rate = null;
        foreach (var (from, value) in history)
        {
            if (from > day)
            {
                break;
            }
            rate = value;
        }
        return rate;
    }
}
