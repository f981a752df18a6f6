using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Productivity.Infrastructure.Configuration;

/// <summary>
/// A whole-number setting between <paramref name="minimum"/> and <paramref name="maximum"/>; the message names the key
/// and the value given. Not <see cref="RangeAttribute"/>: the options source generator replaces that with its own copy,
/// which ignores ErrorMessage and would name the C# property instead of the configuration key.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute(string key, int minimum, int maximum) : ValidationAttribute
{
    public string Key { get; } = key;
    public int Minimum { get; } = minimum;
    public int Maximum { get; } = maximum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is int number && number >= Minimum && number <= Maximum
            ? ValidationResult.Success
            : new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                $"{Key} must be between {Minimum} and {Maximum} (got {value})."), [validationContext.MemberName!]);
}
