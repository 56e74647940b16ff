using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Hosting;

/// <summary>
/// RequestAuthorizer checks the token on gRPC calls (<c>authorization: Bearer</c>) and on HTTP
/// requests (the same, or Seq's <c>X-Seq-ApiKey</c> header or <c>?apiKey=</c>, so Seq clients work unchanged).
/// </summary>
internal sealed class RequestAuthorizer
{
    private readonly AccessToken _token;
    private readonly ILogger<RequestAuthorizer> _logger;

    public RequestAuthorizer(AccessToken token, ILogger<RequestAuthorizer> logger)
    {
        _token = token;
        _logger = logger;
    }

    public ValueTask AuthorizeCallAsync(ServerCallContext context)
    {
        var problem = Check(BearerToken(context.RequestHeaders.GetValue("authorization"), out var malformed), malformed);
        if (problem is not null)
        {
            AggregatorLog.AuthRejected(_logger, context.Method, context.Peer, problem);
            throw new RpcException(StatusCode.Unauthenticated, problem);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Null when the request carries the token, otherwise why it is refused.</summary>
    public string? CheckHttp(HttpContext context)
    {
        var request = context.Request;
        string? presented = null;
        var malformed = false;
        if (request.Headers.TryGetValue("X-Seq-ApiKey", out var apiKey) && !string.IsNullOrEmpty(apiKey))
        {
            presented = apiKey.ToString();
        }
        else if (request.Headers.Authorization.Count > 0)
        {
            presented = BearerToken(request.Headers.Authorization.ToString(), out malformed);
        }
        else if (request.Query.TryGetValue("apiKey", out var queryKey))
        {
            presented = queryKey.ToString();
        }

        var problem = Check(presented, malformed);
        if (problem is not null)
        {
            AggregatorLog.AuthRejected(_logger, request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", problem);
        }

        return problem;
    }

    private static string? BearerToken(string? header, out bool malformed)
    {
        malformed = false;
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            malformed = true;
            return null;
        }

        return header["Bearer ".Length..].Trim();
    }

    private string? Check(string? presented, bool malformed)
    {
        if (malformed)
        {
            return "authorization header must be 'Bearer <token>'";
        }

        if (string.IsNullOrEmpty(presented))
        {
            return "missing token: send 'authorization: Bearer <token>' (HTTP also accepts X-Seq-ApiKey or ?apiKey=)";
        }

        return _token.Matches(presented) ? null : "invalid token";
    }
}
