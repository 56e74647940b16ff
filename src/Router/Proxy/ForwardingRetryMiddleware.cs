using Microsoft.Extensions.Options;
using MiniPaas.Router.AccessLog;
using MiniPaas.Router.Hosting;
using MiniPaas.Router.Logging;
using MiniPaas.Router.Metrics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace MiniPaas.Router.Proxy;

/// <summary>
/// Wraps load balancing and forwarding in YARP's proxy pipeline so that a request whose instance fails
/// before sending any response byte is tried again on another instance of the same app:
/// <list type="bullet">
/// <item>connect failures (nothing reached the instance): any method, if the body can be replayed;</item>
/// <item>failures after the request was sent: idempotent methods only, if the body can be replayed.</item>
/// </list>
/// Also answers 503 (naming the app) when the app has no instance to send to.
/// </summary>
internal sealed class ForwardingRetryMiddleware
{
    private readonly RouterMetrics _metrics;
    private readonly ILogger<ForwardingRetryMiddleware> _logger;
    private readonly int _maxAttempts;
    private readonly int _maxReplayBodyBytes;

    public ForwardingRetryMiddleware(RouterMetrics metrics, IOptions<RouterOptions> options, ILogger<ForwardingRetryMiddleware> logger)
    {
        _metrics = metrics;
        _logger = logger;
        _maxAttempts = options.Value.MaxForwardAttempts;
        _maxReplayBodyBytes = options.Value.MaxReplayBodyBytes;
    }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        var app = proxy.Cluster.Config.ClusterId;
        var routerRequest = context.Features.Get<RouterRequestFeature>();
        if (proxy.AllDestinations.Count == 0)
        {
            await PlainTextResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, PlainTextResponses.NoRunningInstances(app));
            return;
        }

        if (proxy.AvailableDestinations.Count == 0)
        {
            await PlainTextResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, PlainTextResponses.NoReachableInstances(app, proxy.AllDestinations.Count));
            return;
        }

        var body = _maxAttempts > 1
            ? await RequestBodyReplay.PrepareAsync(context, _maxReplayBodyBytes, context.RequestAborted)
            : null;
        List<DestinationState>? tried = null;
        for (var attempt = 1; ; attempt++)
        {
            if (routerRequest is not null)
            {
                routerRequest.Attempts = attempt;
            }

            await next();

            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || error.Error == ForwarderError.None || context.Response.HasStarted)
            {
                return;
            }

            var failedOn = proxy.ProxiedDestination;
            var failure = UpstreamFailureClassifier.Classify(error.Error, error.Exception);
            var retry = failedOn is not null
                && body is not null
                && attempt < _maxAttempts
                && MayResend(failure, context.Request.Method, body);
            IReadOnlyList<DestinationState> remaining = [];
            if (retry)
            {
                (tried ??= []).Add(failedOn!);
                remaining = Remaining(context, tried);
                retry = remaining.Count > 0;
            }

            if (!retry)
            {
                await ReportFailureAsync(context, app, attempt, error.Error, routerRequest);
                return;
            }

            RouterLog.RetryingOnAnotherInstance(_logger, context.Request.Method, context.Request.Path.Value ?? "/", app,
                failedOn!.DestinationId, failure.ToString(), attempt + 1, routerRequest?.RequestId ?? "-");
            _metrics.ForApp(app).RecordRetry();

            // Undo what the failed attempt left behind: YARP's 502, its error, the consumed body, the chosen destination.
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
            body!.Rewind();
            proxy.ProxiedDestination = null;
            proxy.AvailableDestinations = remaining;
        }
    }

    /// <summary>Whether a request that failed with <paramref name="failure"/> may be sent again.</summary>
    internal static bool MayResend(UpstreamFailureKind failure, string method, RequestBodyReplay body) => failure switch
    {
        UpstreamFailureKind.ConnectFailed => body.CanReplay,
        UpstreamFailureKind.FailedBeforeResponse => IsIdempotent(method) && body.CanReplay,
        _ => false,
    };

    internal static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);

    private static IReadOnlyList<DestinationState> Remaining(HttpContext context, List<DestinationState> tried)
    {
        // The cluster's current healthy set: a destination marked unreachable a moment ago is already gone from it
        // (or about to be: YARP updates the set asynchronously, hence the explicit exclusion of tried ones too).
        var cluster = context.GetRouteModel().Cluster;
        var available = cluster?.DestinationsState.AvailableDestinations ?? [];
        var remaining = new List<DestinationState>(available.Count);
        foreach (var destination in available)
        {
            if (!tried.Exists(t => ReferenceEquals(t, destination) || t.DestinationId == destination.DestinationId))
            {
                remaining.Add(destination);
            }
        }

        return remaining;
    }

    private Task ReportFailureAsync(HttpContext context, string app, int attempts, ForwarderError error, RouterRequestFeature? routerRequest)
    {
        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled || context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody would read a message.
            return Task.CompletedTask;
        }

        RouterLog.NoInstanceReachable(_logger, context.Request.Method, context.Request.Path.Value ?? "/", app, attempts, error.ToString(), routerRequest?.RequestId ?? "-");
        var status = context.Response.StatusCode >= 400 ? context.Response.StatusCode : StatusCodes.Status502BadGateway;
        return PlainTextResponses.WriteAsync(context, status, PlainTextResponses.UpstreamFailed(app, attempts, Describe(error)));
    }

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.Request => "could not send the request to an instance",
        ForwarderError.RequestTimedOut => "an instance took too long to respond",
        ForwarderError.ResponseBodyDestination => "an instance broke off its response",
        ForwarderError.RequestBodyClient => "the request body could not be read from the client",
        _ => $"forwarding failed ({error})",
    };
}
