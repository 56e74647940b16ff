namespace MiniPaas.Docker;

/// <summary>
/// The engine could not be reached at all: the socket is missing, refuses connections or is not
/// accessible. Nothing was sent to the engine.
/// </summary>
public sealed class DockerUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="socketPath"/>.</summary>
    public DockerUnavailableException(string socketPath, Exception? innerException)
        : base(BuildMessage(socketPath, innerException), innerException)
    {
        SocketPath = socketPath;
    }

    /// <summary>The unix socket that could not be reached.</summary>
    public string SocketPath { get; }

    private static string BuildMessage(string socketPath, Exception? innerException)
    {
        var reason = innerException?.Message is { Length: > 0 } text ? $": {text}" : string.Empty;
        return $"The Docker engine is not reachable through the unix socket '{socketPath}'{reason}. Is dockerd running?";
    }
}
