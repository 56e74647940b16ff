namespace MiniPaas.Rpc;

/// <summary>MethodType says how many messages flow each way in a call.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary = 0,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming = 1,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming = 2,

    /// <summary>A stream of requests and a stream of responses, interleaved freely.</summary>
    DuplexStreaming = 3,
}
