namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>
/// One simulated worker. <see cref="PodFactoryEmail"/> differs from <see cref="Email"/> for the few people whose
/// PodFactory account does not match their Connecteam e-mail (they fill the pending-mapping queue).
/// </summary>
public sealed record DemoPerson(
    int Index,
    long UserId,
    string FirstName,
    string LastName,
    string Email,
    DemoStation Station,
    DemoStation? SecondStation,
    DemoShiftPattern Pattern,
    double Pace,
    double IdleChance,
    string PodFactoryName,
    string PodFactoryEmail)
{
    public string FullName => $"{FirstName} {LastName}";
}
