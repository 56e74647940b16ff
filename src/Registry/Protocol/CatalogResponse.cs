namespace MiniPaas.Registry.Protocol;

/// <summary>Body of <c>GET /v2/_catalog</c>.</summary>
internal sealed record CatalogResponse(IReadOnlyList<string> Repositories);
