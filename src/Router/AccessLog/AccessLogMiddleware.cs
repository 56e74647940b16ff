using MiniPaas.Router.Logging;
using MiniPaas.Router.Metrics;
using Yarp.ReverseProxy.Model;

namespace MiniPaas.Router.AccessLog;

/// <summary>
/// The outermost stage on the app port: gives the request an id (keeping a sane incoming
/// <c>X-Request-Id</c>, which then reaches the instance), times it, and when the response is over
/// records metrics and hands an <see cref="AccessLogEntry"/> to every <see cref="IAccessLogSink"/>.
/// </summary>
internal sealed class AccessLogMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IAccessLogSink[] _sinks;
    private readonly RouterMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AccessLogMiddleware> _logger;

    public AccessLogMiddleware(RequestDelegate next, IEnumerable<IAccessLogSink> sinks, RouterMetrics metrics, TimeProvider timeProvider, ILogger<AccessLogMiddleware> logger)
    {
        _next = next;
        _sinks = sinks.ToArray();
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _timeProvider.GetTimestamp();
        var arrivedAt = _timeProvider.GetUtcNow();
        var request = context.Request;
        var requestId = RequestIds.FromIncoming(request.Headers[RequestIds.HeaderName].Count == 1 ? request.Headers[RequestIds.HeaderName][0] : null);
        request.Headers[RequestIds.HeaderName] = requestId;
        var feature = new RouterRequestFeature(requestId);
        context.Features.Set(feature);
        context.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            // An instance that echoes the id already set it; a second copy would only confuse clients.
            response.Headers.TryAdd(RequestIds.HeaderName, id);
            return Task.CompletedTask;
        }, (context.Response, requestId));

        var failed = false;
        try
        {
            await _next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = _timeProvider.GetElapsedTime(started);
            // An exception escaping the pipeline becomes a 500 (or an aborted connection) after this point.
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            Record(context, feature, arrivedAt, status, elapsed);
        }
    }

    private void Record(HttpContext context, RouterRequestFeature feature, DateTimeOffset arrivedAt, int status, TimeSpan elapsed)
    {
        if (feature.App is { } app)
        {
            _metrics.ForApp(app).Record(status, elapsed.TotalSeconds);
        }
        else
        {
            _metrics.RecordUnrouted();
        }

        if (_sinks.Length == 0)
        {
            return;
        }

        var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination;
        int? index = null;
        if (destination?.Model.Config.Metadata is { } metadata
            && metadata.TryGetValue(Routing.ProxyConfigTranslator.InstanceIndexMetadataKey, out var indexText)
            && int.TryParse(indexText, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            index = parsed;
        }

        var request = context.Request;
        var entry = new AccessLogEntry(
            arrivedAt,
            feature.App,
            index,
            destination?.DestinationId,
            request.Method,
            request.Host.Value ?? string.Empty,
            request.Path.Value + request.QueryString.Value,
            status,
            elapsed.TotalMilliseconds,
            feature.RequestId,
            feature.Attempts);

        foreach (var sink in _sinks)
        {
            try
            {
                sink.Write(entry);
            }
            catch (Exception ex)
            {
                RouterLog.AccessLogSinkFailed(_logger, sink.GetType().Name, feature.RequestId, ex);
            }
        }
    }
}
