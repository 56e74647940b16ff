using MiniPaas.Cli.Connection;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Api;

/// <summary>
/// RpcErrors turns a failed call into what the user should read: the controller's own detail, plus
/// what to do when the cause is on the user's side (no platform running, no or a wrong token).
/// </summary>
internal static class RpcErrors
{
    /// <summary>The lines to print on stderr (the first starts with <c>error: </c>).</summary>
    public static IReadOnlyList<string> Describe(RpcException error, ConnectionSettings connection)
    {
        var api = connection.Api.GetLeftPart(UriPartial.Authority);
        return error.StatusCode switch
        {
            StatusCode.Unavailable =>
            [
                $"error: cannot reach the controller at {api}: is the platform up? ({error.Detail})",
                $"       the address came from {connection.ApiSource}; start the platform with `minipaas up`",
            ],
            StatusCode.Unauthenticated =>
            [
                $"error: {error.Detail}",
                connection.Token is null
                    ? "       no token was given: run `minipaas up` (it writes one to $MINIPAAS_HOME/config.json) or set MINIPAAS_TOKEN"
                    : $"       the token from {connection.TokenSource} was refused: run `minipaas up` to refresh config.json or set MINIPAAS_TOKEN",
            ],
            StatusCode.DeadlineExceeded => [$"error: the controller at {api} did not answer in time ({error.Detail})"],
            StatusCode.Cancelled => ["error: cancelled"],
            _ => [$"error: {(error.Detail.Length > 0 ? error.Detail : error.StatusCode.ToString())}"],
        };
    }
}
