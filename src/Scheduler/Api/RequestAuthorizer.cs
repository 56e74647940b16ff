using Microsoft.Extensions.Logging;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Diagnostics;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// RequestAuthorizer checks the bearer token of every call: Controller calls need the admin token;
/// NodeControl and RouteDiscovery calls (agents, routers) need the node token (the admin token is
/// accepted too, for operators).
/// </summary>
internal sealed class RequestAuthorizer
{
    private const string NodeControlPrefix = "/minipaas.v1.NodeControl/";
    private const string RouteDiscoveryPrefix = "/minipaas.v1.RouteDiscovery/";

    private readonly SchedulerTokens _tokens;
    private readonly ILogger<RequestAuthorizer> _logger;

    public RequestAuthorizer(SchedulerTokens tokens, ILogger<RequestAuthorizer> logger)
    {
        _tokens = tokens;
        _logger = logger;
    }

    public ValueTask AuthorizeAsync(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrEmpty(header))
        {
            throw Reject(context, "missing authorization: send 'authorization: Bearer <token>' (see ~/.minipaas/config.json)");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw Reject(context, "authorization header must be 'Bearer <token>'");
        }

        var token = header["Bearer ".Length..].Trim();
        var isNodeCall = context.Method.StartsWith(NodeControlPrefix, StringComparison.Ordinal)
            || context.Method.StartsWith(RouteDiscoveryPrefix, StringComparison.Ordinal);
        var accepted = isNodeCall ? _tokens.IsNode(token) || _tokens.IsAdmin(token) : _tokens.IsAdmin(token);
        if (!accepted)
        {
            throw Reject(context, isNodeCall ? "invalid node token" : "invalid admin token");
        }

        return ValueTask.CompletedTask;
    }

    private RpcException Reject(ServerCallContext context, string reason)
    {
        SchedulerLog.AuthRejected(_logger, context.Method, context.Peer, reason);
        return new RpcException(StatusCode.Unauthenticated, reason);
    }
}
