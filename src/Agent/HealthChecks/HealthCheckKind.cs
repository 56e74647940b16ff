namespace MiniPaas.Agent.HealthChecks;

/// <summary>How an instance's health is decided.</summary>
internal enum HealthCheckKind
{
    /// <summary>A TCP connection to the instance's address and port succeeds.</summary>
    Port,

    /// <summary>An HTTP GET of the endpoint answers 2xx.</summary>
    Http,

    /// <summary>The container's process runs.</summary>
    Process,
}
