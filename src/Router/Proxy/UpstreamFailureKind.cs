namespace MiniPaas.Router.Proxy;

/// <summary>How a forwarding attempt failed, as far as retrying it elsewhere is concerned.</summary>
internal enum UpstreamFailureKind
{
    /// <summary>The attempt did not fail.</summary>
    None,

    /// <summary>No connection could be opened (refused, unreachable, connect timeout): no byte reached the instance.</summary>
    ConnectFailed,

    /// <summary>The request (or part of it) was sent but the connection broke before a response arrived.</summary>
    FailedBeforeResponse,

    /// <summary>Anything else (timeouts after sending, client errors, transforms): not retried.</summary>
    NotRetriable,
}
