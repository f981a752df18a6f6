using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Dashboard;

public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.DailyGoal > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{DashboardOptions.SectionName}:{nameof(DashboardOptions.DailyGoal)} must be a positive whole number (got {options.DailyGoal}).");
}
