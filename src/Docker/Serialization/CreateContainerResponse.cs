namespace MiniPaas.Docker.Serialization;

/// <summary>Answer of <c>POST /containers/create</c>.</summary>
internal sealed class CreateContainerResponse
{
    public string Id { get; init; } = string.Empty;

    public IReadOnlyList<string>? Warnings { get; init; }
}
