using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>
/// One client call of any shape: sends the HTTP/2 request, checks the response headers, deframes
/// response messages and turns the trailers (or any failure) into the call's final status.
/// The first of completion, failure and cancellation wins; later ones are ignored.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IClientCallState
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly RpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly Uri _target;
    private readonly CancellationTokenSource _callCancellation = new();
    private readonly CancellationTokenRegistration _callerRegistration;
    private readonly ITimer? _deadlineTimer;
    private readonly HttpRequestMessage? _httpRequest;
    private readonly object _gate = new();
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private Metadata? _trailers;
    private RpcException? _failure;
    private (StatusCode Code, string Detail)? _cancelReason;
    private bool _completedOk;

    public ClientCall(RpcChannel channel, Method<TRequest, TResponse> method, CallOptions options, TRequest? request)
    {
        _channel = channel;
        _method = method;
        _target = channel.CreateUri(method.FullName);

        var time = channel.Options.TimeProvider;
        TimeSpan? timeout = null;
        if ((options.Deadline ?? DefaultDeadline(channel.Options, time)) is { } deadline)
        {
            timeout = deadline - time.GetUtcNow();
            if (timeout <= TimeSpan.Zero)
            {
                CancelWith(StatusCode.DeadlineExceeded, "Deadline exceeded before the call started.");
            }
            else if (timeout < MaxTimerDelay)
            {
                _deadlineTimer = time.CreateTimer(
                    static state => ((ClientCall<TRequest, TResponse>)state!).CancelWith(StatusCode.DeadlineExceeded, "Deadline exceeded."),
                    this,
                    timeout.Value,
                    Timeout.InfiniteTimeSpan);
            }
        }

        if (options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = options.CancellationToken.Register(
                static state => ((ClientCall<TRequest, TResponse>)state!).CancelWith(StatusCode.Cancelled, "Call cancelled by the caller."),
                this);
        }

        HttpContent? content = null;
        RpcException? oversized = null;
        if (request is not null)
        {
            try
            {
                content = new UnaryRequestContent(request, MessageFraming.CheckedSize(request, channel.Options.MaxSendMessageSize));
            }
            catch (RpcException ex)
            {
                oversized = Fail(ex);
            }
        }
        else
        {
            RequestContent = new StreamingRequestContent();
            content = RequestContent;
        }

        if (content is not null)
        {
            _httpRequest = CreateRequest(content, options.Headers, timeout);
            ResponseHeadersTask = ReceiveHeadersAsync(_httpRequest);
        }
        else
        {
            ResponseHeadersTask = Task.FromException<Metadata>(oversized!);
        }

        // Callers that only stream requests may never look at the headers; observe failures here.
        ResponseHeadersTask.ContinueWith(
            static task => _ = task.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task<Metadata> ResponseHeadersTask { get; }

    public StreamingRequestContent? RequestContent { get; }

    public async ValueTask<TResponse?> ReadNextAsync(CancellationToken cancellationToken)
    {
        await ResponseHeadersTask.ConfigureAwait(false);
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            if (_completedOk)
            {
                return null;
            }
        }

        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callCancellation.Token)
            : null;
        TResponse? message;
        try
        {
            message = await MessageFraming.ReadMessageAsync(
                _body!,
                MessageCodec<TResponse>.Parser,
                _channel.Options.MaxReceiveMessageSize,
                linked?.Token ?? _callCancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                CancelWith(StatusCode.Cancelled, "Reading the response was cancelled by the caller.");
            }

            throw Fail(MapException(ex, $"Connection to {_channel.Address} failed while reading the response"));
        }

        if (message is not null)
        {
            return message;
        }

        FinishFromTrailers();
        return null;
    }

    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw Fail(new RpcException(StatusCode.Internal, $"{_target} ended with status OK but sent no response message."), evenIfCompleted: true);
        if (await ReadNextAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            throw Fail(new RpcException(StatusCode.Internal, $"{_target} sent more than one response message for a {_method.Type} method."));
        }

        return message;
    }

    public Metadata GetTrailers()
    {
        lock (_gate)
        {
            if (_completedOk)
            {
                return _trailers!;
            }

            if (_failure is not null)
            {
                return _failure.Trailers;
            }
        }

        throw new InvalidOperationException("Trailers are available only once the call has completed: read the response to its end first.");
    }

    /// <summary>Throws when no more requests can be sent because the call is over.</summary>
    public void ThrowIfFinished()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            if (_completedOk)
            {
                throw new InvalidOperationException($"The call to {_target} has already completed; no more requests can be sent.");
            }

            if (_cancelReason is { } reason)
            {
                throw new RpcException(reason.Code, reason.Detail);
            }
        }
    }

    /// <summary>
    /// The exception for a failed request write. It does not fail the call by itself: the
    /// response, when read, carries the real status (the server may simply have finished early).
    /// </summary>
    public Exception WriteFailure(Exception exception, CancellationToken callerToken)
    {
        if (exception is OperationCanceledException && callerToken.IsCancellationRequested)
        {
            CancelWith(StatusCode.Cancelled, "Writing the request was cancelled by the caller.");
        }

        lock (_gate)
        {
            if (_failure is not null)
            {
                return _failure;
            }

            if (_completedOk)
            {
                return new InvalidOperationException($"The call to {_target} has already completed; no more requests can be sent.");
            }
        }

        return MapException(exception, $"Connection to {_channel.Address} failed while sending a request");
    }

    public void Dispose()
    {
        CancelWith(StatusCode.Cancelled, "Call disposed before it completed.");
        Cleanup();
        _httpRequest?.Dispose();
    }

    private static DateTimeOffset? DefaultDeadline(RpcChannelOptions options, TimeProvider time) =>
        options.DefaultTimeout is { } timeout ? time.GetUtcNow() + timeout : null;

    private HttpRequestMessage CreateRequest(HttpContent content, Metadata? headers, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _target)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var requestHeaders = request.Headers;
        requestHeaders.TryAddWithoutValidation("te", "trailers");
        requestHeaders.TryAddWithoutValidation("user-agent", RpcChannel.UserAgent);
        if (timeout is { } value)
        {
            requestHeaders.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(value));
        }

        if (headers is not null)
        {
            foreach (var entry in headers)
            {
                requestHeaders.TryAddWithoutValidation(entry.Key, MetadataWire.ToWireValue(entry));
            }
        }

        var token = _channel.Options.BearerToken;
        if (_channel.Options.BearerTokenProvider is null && !string.IsNullOrEmpty(token) && headers?.Get(GrpcProtocol.AuthorizationHeader) is null)
        {
            requestHeaders.TryAddWithoutValidation(GrpcProtocol.AuthorizationHeader, "Bearer " + token);
        }

        return request;
    }

    private async Task<Metadata> ReceiveHeadersAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            if (_channel.Options.BearerTokenProvider is { } provider && !request.Headers.Contains(GrpcProtocol.AuthorizationHeader))
            {
                var token = await provider(_callCancellation.Token).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(token))
                {
                    request.Headers.TryAddWithoutValidation(GrpcProtocol.AuthorizationHeader, "Bearer " + token);
                }
            }

            response = await _channel.Invoker.SendAsync(request, _callCancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(MapException(ex, $"Error connecting to {_channel.Address}"));
        }

        lock (_gate)
        {
            _response = response;
        }

        if (_callCancellation.IsCancellationRequested)
        {
            // Cancelled while the headers were on their way: Abort() ran before _response was set.
            response.Dispose();
            throw Fail(MapException(new OperationCanceledException(), "Call cancelled"));
        }

        var headers = ReadMetadata(response.Headers);
        if (response.Headers.NonValidated.Contains(GrpcProtocol.StatusHeader))
        {
            // Trailers-only response: the status (and any trailing metadata) came in the headers.
            Finish(ParseStatus(response.Headers), headers);
            return headers;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(new RpcException(
                HttpStatusMapping.ToStatusCode((int)response.StatusCode),
                $"Bad gRPC response from {_target}: HTTP status {(int)response.StatusCode} {response.ReasonPhrase}."));
        }

        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw Fail(new RpcException(
                StatusCode.Internal,
                $"Bad gRPC response from {_target}: content-type '{contentType}' is not {GrpcProtocol.ContentType}."));
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(_callCancellation.Token).ConfigureAwait(false);
            _body = PipeReader.Create(stream);
        }
        catch (Exception ex)
        {
            throw Fail(MapException(ex, $"Connection to {_channel.Address} failed while reading the response"));
        }

        return headers;
    }

    private void FinishFromTrailers()
    {
        var trailingHeaders = _response!.TrailingHeaders;
        var trailers = ReadMetadata(trailingHeaders);
        var status = trailingHeaders.NonValidated.Contains(GrpcProtocol.StatusHeader)
            ? ParseStatus(trailingHeaders)
            : (StatusCode.Unknown, $"{_target} ended the response without a grpc-status trailer.");
        Finish(status, trailers);
    }

    private void Finish((StatusCode Code, string Detail) status, Metadata trailers)
    {
        if (status.Code != StatusCode.OK)
        {
            throw Fail(new RpcException(status.Code, status.Detail, trailers));
        }

        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            _trailers = trailers;
            _completedOk = true;
        }

        Cleanup();
    }

    private (StatusCode Code, string Detail) ParseStatus(HttpHeaders headers)
    {
        var text = headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues) ? statusValues.ToString() : string.Empty;
        var detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues)
            ? StatusMessageEncoding.Decode(messageValues.ToString())
            : string.Empty;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return (StatusCode.Unknown, $"{_target} sent an invalid grpc-status '{text}'. {detail}".TrimEnd());
        }

        // Codes this enum does not know are reported as UNKNOWN, as the gRPC spec asks.
        return (code is >= 0 and <= (int)StatusCode.Unauthenticated ? (StatusCode)code : StatusCode.Unknown, detail);
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            MetadataWire.AddHeader(metadata, header.Key, header.Value);
        }

        return metadata;
    }

    private RpcException MapException(Exception exception, string context)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return _failure;
            }

            if (_cancelReason is { } reason)
            {
                return new RpcException(reason.Code, reason.Detail, trailers: null, exception);
            }
        }

        // SendAsync wraps a stream reset in HttpRequestException; reads throw it directly.
        var protocolError = exception as HttpProtocolException ?? exception.InnerException as HttpProtocolException;
        return exception switch
        {
            RpcException rpc => rpc,
            _ when protocolError is { } protocol => new RpcException(
                Http2ErrorMapping.ToStatusCode(protocol.ErrorCode),
                $"{context}: HTTP/2 error 0x{protocol.ErrorCode:X}: {protocol.Message}",
                trailers: null,
                protocol),
            OperationCanceledException => new RpcException(StatusCode.Cancelled, "Call cancelled.", trailers: null, exception),
            HttpRequestException or IOException or ObjectDisposedException => new RpcException(
                StatusCode.Unavailable, $"{context}: {exception.Message}", trailers: null, exception),
            _ => new RpcException(StatusCode.Internal, $"{context}: {exception.GetType().Name}: {exception.Message}", trailers: null, exception),
        };
    }

    private RpcException Fail(RpcException failure, bool evenIfCompleted = false)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return _failure;
            }

            if (_completedOk && !evenIfCompleted)
            {
                return failure;
            }

            _completedOk = false;
            _failure = failure;
        }

        Abort();
        Cleanup();
        return failure;
    }

    private void CancelWith(StatusCode code, string detail)
    {
        lock (_gate)
        {
            if (_cancelReason is not null || _failure is not null || _completedOk)
            {
                return;
            }

            _cancelReason = (code, detail);
        }

        Abort();
    }

    /// <summary>Stops all I/O of the call; disposing an unfinished response resets the HTTP/2 stream.</summary>
    private void Abort()
    {
        RequestContent?.Abort();
        try
        {
            _callCancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A cancellation callback threw; the call is being torn down either way.
        }

        HttpResponseMessage? response;
        lock (_gate)
        {
            response = _response;
        }

        response?.Dispose();
    }

    private void Cleanup()
    {
        _deadlineTimer?.Dispose();
        _callerRegistration.Unregister();
        RequestContent?.Complete();
        bool completedOk;
        HttpResponseMessage? response;
        lock (_gate)
        {
            completedOk = _completedOk;
            response = _response;
        }

        if (completedOk)
        {
            response?.Dispose();
        }
    }
}
