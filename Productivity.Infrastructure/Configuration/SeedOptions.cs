using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Productivity.Infrastructure.Configuration;

public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>E-mail of the first Admin, created when no Admin exists. Default <c>admin@localhost</c>.</summary>
    [EmailAddress(ErrorMessage = $"{SectionName}:{nameof(AdminEmail)} must be an e-mail address such as admin@example.com.")]
    public string? AdminEmail { get; set; }

    /// <summary>Password of the first Admin (environment or user-secrets only). When empty one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>The DataAnnotations rules of <see cref="SeedOptions"/>, checked by generated code at start-up.</summary>
[OptionsValidator]
public sealed partial class SeedOptionsValidator : IValidateOptions<SeedOptions>;
