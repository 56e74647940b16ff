namespace MiniPaas.Registry.Protocol;

/// <summary>Body of <c>GET /v2/&lt;name&gt;/tags/list</c>.</summary>
internal sealed record TagListResponse(string Name, IReadOnlyList<string> Tags);
