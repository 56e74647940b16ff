namespace MiniPaas.Router.AccessLog;

/// <summary>
/// Receives one <see cref="AccessLogEntry"/> per request the router answered on its app port. Register
/// implementations as singletons (<c>services.AddSingleton&lt;IAccessLogSink, MySink&gt;()</c>); every
/// registered sink gets every entry, next to the default one that writes structured logs.
/// </summary>
/// <remarks>
/// <see cref="Write"/> runs on the request path after the response finished, so it must not block: queue
/// the entry and ship it in the background. Exceptions are caught and logged, never seen by the client.
/// </remarks>
public interface IAccessLogSink
{
    /// <summary>Accepts one entry; must return quickly.</summary>
    void Write(AccessLogEntry entry);
}
