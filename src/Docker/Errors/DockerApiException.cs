using System.Net;

namespace MiniPaas.Docker;

/// <summary>
/// The engine refused a request. <see cref="Exception.Message"/> is the engine's own message
/// (the <c>message</c> field of its JSON error body).
/// </summary>
public class DockerApiException : Exception
{
    /// <summary>Creates the exception for an engine answer.</summary>
    /// <param name="status">
    /// The HTTP status of the response. For an error the engine reports inside an already started
    /// stream (pull, load, import, logs) this is the stream's status, usually 200.
    /// </param>
    /// <param name="message">The engine's message.</param>
    public DockerApiException(HttpStatusCode status, string message)
        : base(message)
    {
        StatusCode = status;
    }

    /// <summary>The HTTP status the engine answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
