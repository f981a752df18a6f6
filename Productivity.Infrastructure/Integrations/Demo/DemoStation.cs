namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>A PodFactory action with the role that does it and the expected items per hour of the scoring spec.</summary>
public sealed record DemoStation(string Action, string Role, double ExpectedPerHour)
{
    public static readonly DemoStation InProduction = new("In Production", "Heat Pressing", 40);
    public static readonly DemoStation QcPassed = new("QC Passed", "Packing and Shipping", 45);
    public static readonly DemoStation Picking = new("Picking", "Picker", 200);
    public static readonly DemoStation Labeling = new("Labeling", "Labeler", 200);
    public static readonly DemoStation FilmMatching = new("Film Matching", "Film Matching", 133);
}
