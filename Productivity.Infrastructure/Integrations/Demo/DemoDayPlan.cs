using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>Everything planned for one site-local day: shifts (by start day) and every PodFactory row of those shifts.</summary>
public sealed record DemoDayPlan(DateOnly Day, IReadOnlyList<DemoShiftPlan> Shifts, IReadOnlyList<PodFactoryRow> Rows);
