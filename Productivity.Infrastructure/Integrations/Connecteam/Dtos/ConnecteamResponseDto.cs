namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary>The envelope <c>{ requestId, data, paging? }</c> of every Connecteam answer; only <c>data</c> is read.</summary>
internal sealed record ConnecteamResponseDto<TData>(TData? Data);
