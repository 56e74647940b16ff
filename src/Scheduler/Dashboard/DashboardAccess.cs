using Microsoft.AspNetCore.Http;
using MiniPaas.Scheduler.Api;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardAccess decides who may see the dashboard: a browser with a session cookie from a
/// login link, or a caller presenting the admin token as <c>Authorization: Bearer</c>. Changes
/// from a browser must also carry <see cref="ActionHeader"/>, which a cross-site form cannot set
/// (and a cross-site script could only set after a CORS preflight the dashboard never answers).
/// </summary>
internal sealed class DashboardAccess
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "minipaas_dashboard";

    /// <summary>Header the page sets on every POST (CSRF guard next to SameSite=Strict).</summary>
    public const string ActionHeader = "X-MiniPaas-Dashboard";

    private readonly SchedulerTokens _tokens;
    private readonly DashboardSessions _sessions;

    public DashboardAccess(SchedulerTokens tokens, DashboardSessions sessions)
    {
        _tokens = tokens;
        _sessions = sessions;
    }

    /// <summary>True when the request presents the admin token as a bearer token.</summary>
    public bool HasAdminToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && _tokens.IsAdmin(header[prefix.Length..].Trim());
    }

    /// <summary>True when the request may read the dashboard.</summary>
    public bool MayRead(HttpRequest request) =>
        HasAdminToken(request) || (request.Cookies.TryGetValue(CookieName, out var session) && session is not null && _sessions.IsValid(session));

    /// <summary>True when the request may change something: the admin token, or a session plus the action header.</summary>
    public bool MayAct(HttpRequest request) =>
        HasAdminToken(request) || (request.Headers.ContainsKey(ActionHeader) && MayRead(request));
}
