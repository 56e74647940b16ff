using MiniPaas.Cli.Hosting;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Logs;

/// <summary>Turns a failed aggregator call into a <see cref="CliException"/> that names the aggregator (not the controller) and where its address and token came from.</summary>
internal static class LogsErrors
{
    public static CliException Describe(RpcException error, LogsConnection connection)
    {
        var api = connection.Api.GetLeftPart(UriPartial.Authority);
        return error.StatusCode switch
        {
            StatusCode.Unavailable => new CliException(
                $"cannot reach the log aggregator at {api} ({error.Detail}); the address came from {connection.ApiSource}: is the platform up (`minipaas up`)?"),
            StatusCode.Unauthenticated => new CliException(connection.Token is null
                ? $"{error.Detail}: no log aggregator token was given: run `minipaas up` (it writes logsToken to config.json) or set {LogsConnection.TokenVariable}"
                : $"{error.Detail}: the log aggregator refused the token from {connection.TokenSource}"),
            StatusCode.DeadlineExceeded => new CliException($"the log aggregator at {api} did not answer in time ({error.Detail})"),
            _ => new CliException(error.Detail.Length > 0 ? error.Detail : error.StatusCode.ToString()),
        };
    }
}
