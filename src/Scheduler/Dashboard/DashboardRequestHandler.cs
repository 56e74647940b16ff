using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MiniPaas.Scheduler.Diagnostics;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardRequestHandler answers every request on the dashboard endpoint:
/// <c>GET /login?token=</c> (one-time token → session cookie), <c>GET /</c> and <c>/assets/*</c>
/// (embedded page), <c>GET /api/snapshot</c>, <c>GET /api/stream</c> (server-sent events),
/// <c>GET /api/apps/{app}/logs/stream</c> (the app's lines from the log aggregator, as server-sent events),
/// <c>POST /api/login-tokens</c> (admin token only) and <c>POST /api/instances/{id}/kill</c>.
/// </summary>
internal sealed class DashboardRequestHandler
{
    /// <summary>Upper bound between two snapshots on a stream, so ages and uptimes keep moving.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    // Coalesces a burst of store writes (a reconcile pass writes several times) into one push.
    private static readonly TimeSpan BurstDelay = TimeSpan.FromMilliseconds(100);

    private const string AppsPrefix = "/api/apps/";
    private const string LogStreamSuffix = "/logs/stream";

    private readonly DashboardAccess _access;
    private readonly DashboardLoginTokens _loginTokens;
    private readonly DashboardSessions _sessions;
    private readonly DashboardSnapshotBuilder _snapshots;
    private readonly DashboardChangeSignal _changes;
    private readonly DashboardActions _actions;
    private readonly DashboardLogTail _logTail;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<DashboardRequestHandler> _logger;

    public DashboardRequestHandler(
        DashboardAccess access,
        DashboardLoginTokens loginTokens,
        DashboardSessions sessions,
        DashboardSnapshotBuilder snapshots,
        DashboardChangeSignal changes,
        DashboardActions actions,
        DashboardLogTail logTail,
        IHostApplicationLifetime lifetime,
        ILogger<DashboardRequestHandler> logger)
    {
        _access = access;
        _loginTokens = loginTokens;
        _sessions = sessions;
        _snapshots = snapshots;
        _changes = changes;
        _actions = actions;
        _logTail = logTail;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Everything the page needs comes from this origin; inline scripts and other origins are refused.
        response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        var path = request.Path.Value ?? "/";

        if (path == "/login" && HttpMethods.IsGet(request.Method))
        {
            await LoginAsync(context);
            return;
        }

        if (path == "/api/login-tokens")
        {
            await IssueLoginTokenAsync(context);
            return;
        }

        // The stylesheet is public so the 401 page is readable; it holds nothing about the platform.
        if (!_access.MayRead(request) && path != "/assets/dashboard.css")
        {
            await UnauthorizedAsync(context, "no dashboard session");
            return;
        }

        if (HttpMethods.IsGet(request.Method) && DashboardAssets.Find(path) is { } asset)
        {
            response.ContentType = asset.ContentType;
            await response.Body.WriteAsync(asset.Content, context.RequestAborted);
            return;
        }

        switch (path)
        {
            case "/api/snapshot" when HttpMethods.IsGet(request.Method):
                response.ContentType = "application/json";
                await response.WriteAsync(_snapshots.Build().ToJsonString(), context.RequestAborted);
                return;
            case "/api/stream" when HttpMethods.IsGet(request.Method):
                await StreamAsync(context);
                return;
        }

        if (path.StartsWith(AppsPrefix, StringComparison.Ordinal) && path.EndsWith(LogStreamSuffix, StringComparison.Ordinal)
            && path.Length > AppsPrefix.Length + LogStreamSuffix.Length && HttpMethods.IsGet(request.Method))
        {
            await LogStreamAsync(context, Uri.UnescapeDataString(path[AppsPrefix.Length..^LogStreamSuffix.Length]));
            return;
        }

        if (path.StartsWith("/api/instances/", StringComparison.Ordinal) && path.EndsWith("/kill", StringComparison.Ordinal) && HttpMethods.IsPost(request.Method))
        {
            if (!_access.MayAct(request))
            {
                await JsonAsync(response, StatusCodes.Status403Forbidden, $"changes need the {DashboardAccess.ActionHeader} header (sent by the dashboard page) or the admin token");
                return;
            }

            var instanceId = Uri.UnescapeDataString(path["/api/instances/".Length..^"/kill".Length]);
            var (status, message) = _actions.KillInstance(instanceId);
            await JsonAsync(response, status, message);
            return;
        }

        response.StatusCode = StatusCodes.Status404NotFound;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync($"the dashboard has nothing at {request.Method} {path}", context.RequestAborted);
    }

    private async Task LoginAsync(HttpContext context)
    {
        var token = context.Request.Query["token"].ToString();
        if (token.Length == 0 || !_loginTokens.TryRedeem(token))
        {
            SchedulerLog.DashboardLoginRejected(_logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(DashboardAssets.UnauthorizedPage, context.RequestAborted);
            return;
        }

        context.Response.Cookies.Append(DashboardAccess.CookieName, _sessions.Create(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = DashboardSessions.IdleLifetime,
            Secure = context.Request.IsHttps,
        });
        SchedulerLog.DashboardLogin(_logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
        // 303 drops the token from the address bar and from the browser history.
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = "/";
    }

    private async Task IssueLoginTokenAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await JsonAsync(context.Response, StatusCodes.Status405MethodNotAllowed, "POST /api/login-tokens with Authorization: Bearer <admin token>");
            return;
        }

        if (!_access.HasAdminToken(context.Request))
        {
            await JsonAsync(context.Response, StatusCodes.Status401Unauthorized, "login tokens are issued only to the admin token (Authorization: Bearer <admin token>)");
            return;
        }

        var (token, expiresAt) = _loginTokens.Issue();
        var url = $"{context.Request.Scheme}://{context.Request.Host}/login?token={token}";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            new JsonObject { ["token"] = token, ["url"] = url, ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }.ToJsonString(),
            context.RequestAborted);
    }

    private async Task StreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        SchedulerLog.DashboardStreamOpened(_logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
        try
        {
            await response.WriteAsync("retry: 1000\n\n", cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var seen = _changes.Version;
                var json = _snapshots.Build().ToJsonString();
                await response.WriteAsync("event: snapshot\ndata: " + json + "\n\n", Encoding.UTF8, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                await _changes.WaitAsync(seen, RefreshInterval, cancellationToken);
                await Task.Delay(BurstDelay, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away or the scheduler is stopping.
        }
    }

    private async Task LogStreamAsync(HttpContext context, string app)
    {
        var response = context.Response;
        if (!_logTail.Configured)
        {
            await JsonAsync(response, StatusCodes.Status503ServiceUnavailable, "no log aggregator is configured for the scheduler (MiniPaas:LogAggregatorAddress is empty); the page shows platform events instead");
            return;
        }

        // After a reconnect EventSource sends the last sequence it saw; the backlog repeats lines, so skip those.
        ulong.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lastSeen);
        response.ContentType = "text/event-stream";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        // Cancelling this token (browser gone, scheduler stopping) also cancels the upstream Follow call.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        var peer = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        SchedulerLog.DashboardLogTailOpened(_logger, app, peer);
        try
        {
            await response.WriteAsync("retry: 2000\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            await foreach (var record in _logTail.FollowAsync(app, cancellationToken))
            {
                if (lastSeen > 0 && record.Sequence <= lastSeen)
                {
                    continue;
                }

                var line = Logging.Client.LogLineFormatter.Format(record, TimeSpan.Zero);
                var data = string.Join('\n', line.Split('\n').Select(part => "data: " + part.TrimEnd('\r')));
                var id = record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await response.WriteAsync($"id: {id}\nevent: line\n{data}\n\n", Encoding.UTF8, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away or the scheduler is stopping; the upstream call is cancelled with it.
        }
        catch (Exception e) when (e is MiniPaas.Rpc.RpcException or IOException or HttpRequestException or InvalidOperationException)
        {
            SchedulerLog.DashboardLogTailFailed(_logger, app, _logTail.Address, e.Message);
            if (!cancellationToken.IsCancellationRequested)
            {
                // The page shows this and EventSource retries after the retry delay.
                await response.WriteAsync("event: failure\ndata: log aggregator " + _logTail.Address + ": " + e.Message.ReplaceLineEndings(" ") + "\n\n", Encoding.UTF8, CancellationToken.None);
            }
        }
    }

    private static async Task UnauthorizedAsync(HttpContext context, string reason)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await JsonAsync(response, StatusCodes.Status401Unauthorized, $"{reason}: open the link `minipaas dashboard` prints, or send Authorization: Bearer <admin token>");
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.Body.WriteAsync(DashboardAssets.UnauthorizedPage, context.RequestAborted);
    }

    private static Task JsonAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { [status < 300 ? "message" : "error"] = message }));
    }
}
