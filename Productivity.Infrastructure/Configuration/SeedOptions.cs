namespace Productivity.Infrastructure.Configuration;

public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>E-mail of the first Admin, created when no Admin exists. Default <c>admin@localhost</c>.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Password of the first Admin (environment or user-secrets only). When empty one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }
}
