namespace MiniPaas.Router.AccessLog;

/// <summary>Per-request facts the router's stages share: the request id, the app it was routed to, how many instances were tried.</summary>
internal sealed class RouterRequestFeature
{
    public RouterRequestFeature(string requestId)
    {
        RequestId = requestId;
    }

    public string RequestId { get; }

    /// <summary>Set once the host lookup found the app.</summary>
    public string? App { get; set; }

    /// <summary>Forwarding attempts so far.</summary>
    public int Attempts { get; set; }
}
