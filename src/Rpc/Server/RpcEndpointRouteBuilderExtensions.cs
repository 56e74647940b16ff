using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPaas.Rpc;

/// <summary>RpcEndpointRouteBuilderExtensions maps protobuf services onto gRPC endpoints.</summary>
public static class RpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="descriptor"/> to <c>POST /{package}.{Service}/{Method}</c>,
    /// handled by the same-named method of <typeparamref name="TService"/> (resolved from DI per call).
    /// Handler shapes:
    /// <list type="bullet">
    /// <item>unary: <c>Task&lt;TResponse&gt; Name(TRequest request, ServerCallContext context)</c></item>
    /// <item>server streaming: <c>Task Name(TRequest request, IServerStreamWriter&lt;TResponse&gt; responses, ServerCallContext context)</c></item>
    /// <item>client streaming: <c>Task&lt;TResponse&gt; Name(IAsyncStreamReader&lt;TRequest&gt; requests, ServerCallContext context)</c></item>
    /// <item>duplex: <c>Task Name(IAsyncStreamReader&lt;TRequest&gt; requests, IServerStreamWriter&lt;TResponse&gt; responses, ServerCallContext context)</c></item>
    /// </list>
    /// Throws <see cref="InvalidOperationException"/> at map time when a method is missing or has
    /// another signature, naming the expected one. Calls to unmapped gRPC paths get UNIMPLEMENTED.
    /// </summary>
    public static IEndpointConventionBuilder MapRpcService<TService>(this IEndpointRouteBuilder endpoints, ServiceDescriptor descriptor)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(descriptor);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<RpcServiceRegistry>()
            ?? throw new InvalidOperationException($"Call services.AddRpc() before MapRpcService<{typeof(TService).Name}>().");
        if (services.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(TService)))
        {
            throw new InvalidOperationException(
                $"{typeof(TService).FullName} is not registered in the service collection; add it (e.g. services.AddScoped<{typeof(TService).Name}>()) before mapping {descriptor.FullName}.");
        }

        // Bind every method before mapping any, so a bad service leaves no half-mapped endpoints.
        var handlers = descriptor.Methods.Select(m => ServerMethodBinder.Bind<TService>(m, registry.Pipeline)).ToList();
        var builders = new List<IEndpointConventionBuilder>(handlers.Count);
        foreach (var handler in handlers)
        {
            registry.AddMethod(descriptor.FullName, handler.FullName);
            builders.Add(endpoints.MapPost(handler.FullName, handler.HandleAsync).WithDisplayName("gRPC " + handler.FullName));
            RpcLog.MethodMapped(registry.Pipeline.Logger, handler.FullName, handler.Type, typeof(TService).FullName!);
        }

        registry.MapUnimplementedOnce(endpoints);
        return new CompositeEndpointConventionBuilder(builders);
    }
}
