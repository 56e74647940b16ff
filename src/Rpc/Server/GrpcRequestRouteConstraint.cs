using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MiniPaas.Rpc;

/// <summary>
/// Lets the UNIMPLEMENTED catch-all match only requests that are gRPC calls, so it never swallows
/// an application's other POST routes.
/// </summary>
internal sealed class GrpcRequestRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
