namespace Productivity.Infrastructure.Floor;

/// <summary>A department's items of the day and how many people produced them.</summary>
public sealed record DepartmentTotal(string Department, int Items, int People);
