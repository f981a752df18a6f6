namespace Productivity.Core.Costs;

/// <summary>
/// One entry of a pay-rate history: an hourly rate that takes effect on a site-local day, either an employee's own
/// (<see cref="EmployeeId"/>) or a role's default (<see cref="RoleName"/>, used for employees without their own).
/// Entries are added, never edited: a new rate is a new entry, so the past keeps the rate it was paid at.
/// </summary>
public sealed class PayRate
{
    public long Id { get; set; }
    public int? EmployeeId { get; set; }
    public string? RoleName { get; set; }
    public decimal HourlyRate { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Rates above this are a typing error rather than a wage (the column holds 10 digits, 2 decimals).</summary>
    public const decimal MaxHourlyRate = 10_000m;
}
