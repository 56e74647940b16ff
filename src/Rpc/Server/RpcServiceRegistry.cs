using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Rpc;

/// <summary>
/// What has been mapped in one application: it rejects a method mapped twice and answers
/// UNIMPLEMENTED for gRPC calls to anything that was not mapped.
/// </summary>
internal sealed class RpcServiceRegistry
{
    private readonly object _gate = new();
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private readonly HashSet<string> _methods = new(StringComparer.Ordinal);
    private bool _unimplementedMapped;

    public RpcServiceRegistry(IOptions<RpcServerOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        // Reading Value validates the options, so a bad setting fails at map time, not on a call.
        Pipeline = new ServerCallPipeline(options.Value, loggerFactory.CreateLogger("MiniPaas.Rpc.Server"), timeProvider);
    }

    public ServerCallPipeline Pipeline { get; }

    public void AddMethod(string serviceFullName, string methodFullName)
    {
        lock (_gate)
        {
            if (!_methods.Add(methodFullName))
            {
                throw new InvalidOperationException($"gRPC method {methodFullName} is already mapped; map each service once.");
            }

            _services.Add(serviceFullName);
        }
    }

    /// <summary>Maps, once per application, the endpoint that answers gRPC calls to unknown paths.</summary>
    public void MapUnimplementedOnce(IEndpointRouteBuilder endpoints)
    {
        lock (_gate)
        {
            if (_unimplementedMapped)
            {
                return;
            }

            _unimplementedMapped = true;
        }

        var pattern = RoutePatternFactory.Parse(
            "/{service}/{method}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["service"] = new GrpcRequestRouteConstraint() });
        endpoints.Map(pattern, HandleUnimplementedAsync)
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .WithDisplayName("gRPC unimplemented")
            .Add(builder =>
            {
                // Lowest priority: any real endpoint on the same path wins.
                if (builder is RouteEndpointBuilder route)
                {
                    route.Order = int.MaxValue;
                }
            });
    }

    private async Task HandleUnimplementedAsync(HttpContext httpContext)
    {
        var path = httpContext.Request.Path.Value ?? string.Empty;
        if (!await Pipeline.TryAdmitAsync(httpContext, path).ConfigureAwait(false))
        {
            return;
        }

        RpcLog.UnimplementedCall(Pipeline.Logger, path);
        var service = httpContext.Request.RouteValues["service"] as string ?? string.Empty;
        bool knownService;
        lock (_gate)
        {
            knownService = _services.Contains(service);
        }

        var detail = knownService
            ? $"Method '{path}' is not implemented by this server."
            : $"Service '{service}' is not implemented by this server.";
        Pipeline.WriteTrailersOnly(httpContext, StatusCode.Unimplemented, detail);
    }
}
