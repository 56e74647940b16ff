using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Rpc;

/// <summary>
/// The parts of a server call that do not depend on message types: admission checks, the
/// authorization hook, turning exceptions into a status and writing that status.
/// </summary>
internal sealed class ServerCallPipeline
{
    private const string GenericHandlerFailure = "Exception was thrown by handler.";
    private const string ServerStoppingDetail = "The server is shutting down.";

    public ServerCallPipeline(RpcServerOptions options, ILogger logger, TimeProvider timeProvider)
    {
        Options = options;
        Logger = logger;
        TimeProvider = timeProvider;
    }

    public RpcServerOptions Options { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Checks the request is a gRPC call this layer can serve and builds its context. When it is
    /// not, the refusal has already been written and null is returned.
    /// </summary>
    public async ValueTask<ServerCallContext?> TryStartCallAsync(HttpContext httpContext, string method)
    {
        if (!await TryAdmitAsync(httpContext, method).ConfigureAwait(false))
        {
            return null;
        }

        var request = httpContext.Request;
        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            httpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
            WriteTrailersOnly(httpContext, StatusCode.Unimplemented,
                $"Request message encoding '{encoding}' is not supported; this server accepts only 'identity' (uncompressed).");
            return null;
        }

        TimeSpan? timeout = null;
        var timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                WriteTrailersOnly(httpContext, StatusCode.Internal,
                    $"Invalid grpc-timeout header '{timeoutHeader}': expected 1-8 digits followed by one of H, M, S, m, u, n.");
                return null;
            }

            timeout = parsed;
        }

        var requestHeaders = new Metadata();
        try
        {
            foreach (var header in request.Headers)
            {
                MetadataWire.AddHeader(requestHeaders, header.Key, header.Value);
            }
        }
        catch (RpcException ex)
        {
            WriteTrailersOnly(httpContext, ex.StatusCode, ex.Detail);
            return null;
        }

        // A gRPC stream may legitimately exceed Kestrel's 30 MB body limit or sit idle between
        // messages; per-message limits and deadlines govern calls instead.
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }

        httpContext.Response.ContentType = GrpcProtocol.ContentType;
        var stopping = httpContext.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        return new ServerCallContext(httpContext, method, requestHeaders, timeout, TimeProvider, stopping);
    }

    /// <summary>Refuses non-HTTP/2 and non-gRPC requests the way gRPC servers do.</summary>
    public async ValueTask<bool> TryAdmitAsync(HttpContext httpContext, string method)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            RpcLog.ProtocolNotSupported(Logger, method, request.Protocol);
            var detail = $"gRPC requires HTTP/2, but the request used {request.Protocol}. " +
                "Serve gRPC on an endpoint with ListenOptions.Protocols = HttpProtocols.Http2 and call it with HTTP/2 (prior knowledge for cleartext).";
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.ContentLength = System.Text.Encoding.UTF8.GetByteCount(detail);
            await response.WriteAsync(detail, httpContext.RequestAborted).ConfigureAwait(false);
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            RpcLog.UnsupportedContentType(Logger, method, request.ContentType);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(
                $"Content-Type '{request.ContentType}' is not supported; gRPC calls use '{GrpcProtocol.ContentType}' (protobuf).");
            return false;
        }

        return true;
    }

    /// <summary>Runs the authorization hook and <paramref name="body"/>, then writes the call's status.</summary>
    public async Task RunAsync(ServerCallContext context, Func<ServerCallContext, Task> body)
    {
        StatusCode code;
        string detail;
        try
        {
            if (Options.Authorize is { } authorize && !Options.AnonymousMethods.Contains(context.Method))
            {
                await authorize(context).ConfigureAwait(false);
            }

            await body(context).ConfigureAwait(false);
            context.ThrowIfDeadlineExpired();
            (code, detail) = (StatusCode.OK, string.Empty);
        }
        catch (Exception ex)
        {
            (code, detail) = StatusFor(ex, context);
        }

        try
        {
            WriteStatus(context, code, detail);
        }
        finally
        {
            context.Complete();
        }
    }

    public void WriteTrailersOnly(HttpContext httpContext, StatusCode code, string detail)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)code).ToString(CultureInfo.InvariantCulture);
        if (detail.Length > 0)
        {
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
        }
    }

    private (StatusCode Code, string Detail) StatusFor(Exception exception, ServerCallContext context)
    {
        if (context.DeadlineExpired)
        {
            RpcLog.DeadlineExceeded(Logger, context.Method, context.Deadline!.Value);
            return (StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }

        if (exception is RpcException rpc)
        {
            RpcLog.CallFailed(Logger, context.Method, rpc.StatusCode, rpc.Detail);
            context.ResponseTrailers.AddRange(rpc.Trailers);
            return (rpc.StatusCode, rpc.Detail);
        }

        if (context.ServerStopping.IsCancellationRequested && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // UNAVAILABLE tells a well-behaved client to reconnect (to this server once it is back).
            RpcLog.CallFailed(Logger, context.Method, StatusCode.Unavailable, ServerStoppingDetail);
            return (StatusCode.Unavailable, ServerStoppingDetail);
        }

        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Whatever the handler threw, it was because the client went away.
            RpcLog.CallCancelledByClient(Logger, context.Method);
            return (StatusCode.Cancelled, "Call cancelled by the client.");
        }

        RpcLog.HandlerFailed(Logger, context.Method, exception);
        return (StatusCode.Unknown, GenericHandlerFailure);
    }

    private void WriteStatus(ServerCallContext context, StatusCode code, string detail)
    {
        var httpContext = context.HttpContext;
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The stream is already reset; there is nobody to tell.
            return;
        }

        try
        {
            var response = httpContext.Response;
            if (!response.HasStarted)
            {
                // Trailers-only: one HEADERS frame that ends the stream and carries the status.
                WriteTrailersOnly(httpContext, code, detail);
                foreach (var entry in context.ResponseTrailers)
                {
                    response.Headers.Append(entry.Key, MetadataWire.ToWireValue(entry));
                }

                return;
            }

            response.AppendTrailer(GrpcProtocol.StatusHeader, ((int)code).ToString(CultureInfo.InvariantCulture));
            if (detail.Length > 0)
            {
                response.AppendTrailer(GrpcProtocol.MessageHeader, StatusMessageEncoding.Encode(detail));
            }

            foreach (var entry in context.ResponseTrailers)
            {
                response.AppendTrailer(entry.Key, MetadataWire.ToWireValue(entry));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            RpcLog.TrailersNotWritten(Logger, context.Method, ex);
        }
    }
}
