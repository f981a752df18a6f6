namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>The fixed roster of the demo floor: 35 people across the five stations of the scoring spec.</summary>
internal static class DemoCrew
{
    public const long FirstUserId = 9100001;
    public const string EmailDomain = "demo.productivity.test";

    private static readonly (string First, string Last, DemoStation Station, DemoStation? Second, DemoShiftPattern Pattern)[] Roster =
    [
        ("Ana", "Lopez", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("Marcus", "Johnson", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("Jose", "Gonzalez", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("Tyler", "Brooks", DemoStation.InProduction, DemoStation.QcPassed, DemoShiftPattern.Early),
        ("Mei", "Chen", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("DeShawn", "Carter", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("Olivia", "Martin", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("Luis", "Ramirez", DemoStation.InProduction, null, DemoShiftPattern.Night),
        ("Hannah", "Schmidt", DemoStation.InProduction, null, DemoShiftPattern.Early),
        ("Kevin", "Tran", DemoStation.InProduction, null, DemoShiftPattern.Late),
        ("Maria", "Hernandez", DemoStation.QcPassed, null, DemoShiftPattern.Early),
        ("Brian", "Walker", DemoStation.QcPassed, null, DemoShiftPattern.Early),
        ("Aisha", "Mohammed", DemoStation.QcPassed, null, DemoShiftPattern.Early),
        ("Derek", "Evans", DemoStation.QcPassed, DemoStation.FilmMatching, DemoShiftPattern.Early),
        ("Sofia", "Rossi", DemoStation.QcPassed, null, DemoShiftPattern.Early),
        ("Jamal", "Wright", DemoStation.QcPassed, null, DemoShiftPattern.Early),
        ("Emily", "Nguyen", DemoStation.QcPassed, null, DemoShiftPattern.Early),
        ("Carlos", "Diaz", DemoStation.QcPassed, null, DemoShiftPattern.Late),
        ("Kathryn", "Nguyen", DemoStation.Picking, null, DemoShiftPattern.Early),
        ("Ryan", "Patel", DemoStation.Picking, DemoStation.Labeling, DemoShiftPattern.Early),
        ("Jasmine", "Lee", DemoStation.Picking, null, DemoShiftPattern.Early),
        ("Victor", "Morales", DemoStation.Picking, null, DemoShiftPattern.Early),
        ("Samantha", "Reed", DemoStation.Picking, null, DemoShiftPattern.Early),
        ("Andre", "Thomas", DemoStation.Picking, null, DemoShiftPattern.Night),
        ("Grace", "Kim", DemoStation.Picking, null, DemoShiftPattern.Late),
        ("Daniel", "Park", DemoStation.Labeling, null, DemoShiftPattern.Early),
        ("Brianna", "Scott", DemoStation.Labeling, null, DemoShiftPattern.Early),
        ("Omar", "Haddad", DemoStation.Labeling, null, DemoShiftPattern.Night),
        ("Rachel", "Adams", DemoStation.Labeling, null, DemoShiftPattern.Early),
        ("Trevor", "Hill", DemoStation.Labeling, DemoStation.Picking, DemoShiftPattern.Early),
        ("Linh", "Pham", DemoStation.FilmMatching, null, DemoShiftPattern.Early),
        ("Gabriel", "Silva", DemoStation.FilmMatching, DemoStation.InProduction, DemoShiftPattern.Early),
        ("Nicole", "Turner", DemoStation.FilmMatching, null, DemoShiftPattern.Early),
        ("Ahmed", "Ali", DemoStation.FilmMatching, null, DemoShiftPattern.Early),
        ("Chloe", "Bennett", DemoStation.FilmMatching, null, DemoShiftPattern.Late),
    ];

    // PodFactory accounts that do not match the Connecteam e-mail, with a similar name, as happens on real floors.
    private static readonly Dictionary<string, (string Name, string Email)> PodFactoryAliases = new(StringComparer.Ordinal)
    {
        ["jose.gonzalez"] = ("Jose Gonzales", $"jgonzales@{EmailDomain}"),
        ["kathryn.nguyen"] = ("Katie Nguyen", $"katie.nguyen@{EmailDomain}"),
    };

    public static IReadOnlyList<DemoPerson> People { get; } = Build();

    private static DemoPerson[] Build() =>
        [.. Roster.Select((entry, index) =>
        {
            var local = $"{entry.First}.{entry.Last}".ToLowerInvariant();
            var email = $"{local}@{EmailDomain}";
            var (podFactoryName, podFactoryEmail) = PodFactoryAliases.TryGetValue(local, out var alias)
                ? alias
                : ($"{entry.First} {entry.Last}", email);
            // Fixed per person, so that some are consistently faster or idler than others.
            var traits = new Random(7919 + index);
            var pace = Math.Round(0.85 + (0.3 * traits.NextDouble()), 2);
            var idleChance = Math.Round(0.15 + (0.75 * traits.NextDouble()), 2);
            return new DemoPerson(
                index, FirstUserId + index, entry.First, entry.Last, email, entry.Station, entry.Second, entry.Pattern,
                pace, idleChance, podFactoryName, podFactoryEmail);
        })];
}
