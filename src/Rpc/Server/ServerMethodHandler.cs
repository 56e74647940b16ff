using System.Reflection;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPaas.Rpc;

/// <summary>
/// Serves one method: deframes requests, calls the service method through a delegate compiled
/// at map time, frames responses. The call's status is written by <see cref="ServerCallPipeline"/>.
/// </summary>
internal sealed class ServerMethodHandler<TService, TRequest, TResponse> : IServerMethodHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ServerCallPipeline _pipeline;
    private readonly Func<ServerCallContext, Task> _body;
    private readonly Func<TService, TRequest, ServerCallContext, Task<TResponse>>? _unary;
    private readonly Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _serverStreaming;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>? _clientStreaming;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _duplex;

    public ServerMethodHandler(string fullName, MethodType type, MethodInfo serviceMethod, ServerCallPipeline pipeline)
    {
        FullName = fullName;
        Type = type;
        _pipeline = pipeline;
        switch (type)
        {
            case MethodType.Unary:
                _unary = serviceMethod.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
                _body = RunUnaryAsync;
                break;
            case MethodType.ServerStreaming:
                _serverStreaming = serviceMethod.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
                _body = RunServerStreamingAsync;
                break;
            case MethodType.ClientStreaming:
                _clientStreaming = serviceMethod.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();
                _body = RunClientStreamingAsync;
                break;
            default:
                _duplex = serviceMethod.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
                _body = RunDuplexAsync;
                break;
        }
    }

    public string FullName { get; }

    public MethodType Type { get; }

    public async Task HandleAsync(HttpContext httpContext)
    {
        var context = await _pipeline.TryStartCallAsync(httpContext, FullName).ConfigureAwait(false);
        if (context is not null)
        {
            await _pipeline.RunAsync(context, _body).ConfigureAwait(false);
        }
    }

    private async Task RunUnaryAsync(ServerCallContext context)
    {
        var request = await ReadSingleRequestAsync(context).ConfigureAwait(false);
        var response = await _unary!(ResolveService(context), request, context).ConfigureAwait(false);
        await WriteSingleResponseAsync(context, response).ConfigureAwait(false);
    }

    private async Task RunServerStreamingAsync(ServerCallContext context)
    {
        var request = await ReadSingleRequestAsync(context).ConfigureAwait(false);
        await _serverStreaming!(ResolveService(context), request, CreateWriter(context), context).ConfigureAwait(false);
    }

    private async Task RunClientStreamingAsync(ServerCallContext context)
    {
        var response = await _clientStreaming!(ResolveService(context), CreateReader(context), context).ConfigureAwait(false);
        await WriteSingleResponseAsync(context, response).ConfigureAwait(false);
    }

    private Task RunDuplexAsync(ServerCallContext context) =>
        _duplex!(ResolveService(context), CreateReader(context), CreateWriter(context), context);

    private static TService ResolveService(ServerCallContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<TService>();

    private HttpRequestStreamReader<TRequest> CreateReader(ServerCallContext context) =>
        new(context, _pipeline.Options.MaxReceiveMessageSize);

    private HttpResponseStreamWriter<TResponse> CreateWriter(ServerCallContext context) =>
        new(context, _pipeline.Options.MaxSendMessageSize);

    private async Task<TRequest> ReadSingleRequestAsync(ServerCallContext context)
    {
        var reader = context.HttpContext.Request.BodyReader;
        var maxSize = _pipeline.Options.MaxReceiveMessageSize;
        var request = await MessageFraming.ReadMessageAsync(reader, MessageCodec<TRequest>.Parser, maxSize, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, $"{FullName} expects one request message, but the request stream ended without one.");
        if (await MessageFraming.ReadMessageAsync(reader, MessageCodec<TRequest>.Parser, maxSize, context.CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, $"{FullName} expects one request message, but the client sent more.");
        }

        return request;
    }

    private async Task WriteSingleResponseAsync(ServerCallContext context, TResponse? response)
    {
        if (response is null)
        {
            throw new InvalidOperationException($"The handler of {FullName} returned a null response message.");
        }

        // A reply computed after the deadline is not delivered: the client has already given up.
        context.ThrowIfDeadlineExpired();
        await CreateWriter(context).WriteAsync(response).ConfigureAwait(false);
    }
}
