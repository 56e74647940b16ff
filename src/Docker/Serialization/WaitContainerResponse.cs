namespace MiniPaas.Docker.Serialization;

/// <summary>Answer of <c>POST /containers/{id}/wait</c>.</summary>
internal sealed class WaitContainerResponse
{
    public long StatusCode { get; init; }

    public EngineErrorResponse? Error { get; init; }
}
