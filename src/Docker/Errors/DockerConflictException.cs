using System.Net;

namespace MiniPaas.Docker;

/// <summary>
/// The engine answered 409: the object is in a state that forbids the request (removing a running
/// container without force, a name already in use, an image used by a container...).
/// </summary>
public sealed class DockerConflictException : DockerApiException
{
    /// <summary>Creates the exception with the engine's message.</summary>
    public DockerConflictException(string message)
        : base(HttpStatusCode.Conflict, message)
    {
    }
}
