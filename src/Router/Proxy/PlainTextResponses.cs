namespace MiniPaas.Router.Proxy;

/// <summary>The router's own answers (404, 502, 503): short plain text that names what is missing.</summary>
internal static class PlainTextResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = statusCode;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync(message + "\n", context.RequestAborted);
    }

    public static string UnknownHost(string host) => $"no app is routed at \"{host}\"";

    public static string UnknownPath(string host, string path) => $"no app is routed at \"{host}{path}\"";

    public static string NoTableYet() => "the router has not received a route table from the scheduler yet";

    public static string NoRunningInstances(string app) => $"app \"{app}\" has no running instances";

    public static string NoReachableInstances(string app, int instances) =>
        $"app \"{app}\" has no running instances that accept connections ({instances} refused recently)";

    public static string UpstreamFailed(string app, int attempts, string error) =>
        $"app \"{app}\" did not answer: {error} after {attempts} attempt(s)";
}
