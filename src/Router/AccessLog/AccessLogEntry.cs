namespace MiniPaas.Router.AccessLog;

/// <summary>One answered request, as access-log sinks receive it.</summary>
/// <param name="Timestamp">When the request arrived (UTC).</param>
/// <param name="App">The app it was routed to, or null when no app matched its host and path.</param>
/// <param name="InstanceIndex">Index of the instance that served it, or null when none did.</param>
/// <param name="InstanceId">Id of the instance that served it, or null when none did.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Host">The Host header (with port, as sent).</param>
/// <param name="Path">Path and query string.</param>
/// <param name="StatusCode">Status sent to the client.</param>
/// <param name="LatencyMilliseconds">Time from arrival to the end of the response.</param>
/// <param name="RequestId">The <c>X-Request-Id</c> (the client's, or one the router generated).</param>
/// <param name="Attempts">How many instances were tried (more than 1 after connection failures).</param>
public sealed record AccessLogEntry(
    DateTimeOffset Timestamp,
    string? App,
    int? InstanceIndex,
    string? InstanceId,
    string Method,
    string Host,
    string Path,
    int StatusCode,
    double LatencyMilliseconds,
    string RequestId,
    int Attempts);
