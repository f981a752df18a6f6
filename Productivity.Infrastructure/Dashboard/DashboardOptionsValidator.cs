using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>The DataAnnotations rules of <see cref="DashboardOptions"/>, checked by generated code at start-up.</summary>
[OptionsValidator]
public sealed partial class DashboardOptionsValidator : IValidateOptions<DashboardOptions>;
