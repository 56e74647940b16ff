using Microsoft.AspNetCore.Http;

namespace MiniPaas.Rpc;

/// <summary>One mapped gRPC method, bound to its service method once at map time.</summary>
internal interface IServerMethodHandler
{
    string FullName { get; }

    MethodType Type { get; }

    Task HandleAsync(HttpContext httpContext);
}
