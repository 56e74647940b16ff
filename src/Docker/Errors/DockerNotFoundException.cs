using System.Net;

namespace MiniPaas.Docker;

/// <summary>The engine answered 404: the container, image or other object does not exist.</summary>
public sealed class DockerNotFoundException : DockerApiException
{
    /// <summary>Creates the exception with the engine's message.</summary>
    public DockerNotFoundException(string message)
        : base(HttpStatusCode.NotFound, message)
    {
    }
}
