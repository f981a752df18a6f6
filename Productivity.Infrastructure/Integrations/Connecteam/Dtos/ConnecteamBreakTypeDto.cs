namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary>One item of <c>…/manual-breaks</c>; the shape is assumed (the reference names the endpoint, not its fields).</summary>
internal sealed record ConnecteamBreakTypeDto(string? Id, string? Name, bool? IsPaid);
