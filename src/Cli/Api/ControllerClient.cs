using System.Runtime.CompilerServices;
using Google.Protobuf;
using MiniPaas.Cli.Connection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Api;

/// <summary>
/// ControllerClient is the CLI's typed view of the Controller gRPC service. Unary calls get a
/// deadline (<see cref="UnaryTimeout"/>) so a hung controller fails a command instead of hanging
/// it; the long streams (Deploy, WatchApp) run until the controller ends them or the user presses Ctrl-C.
/// </summary>
internal sealed class ControllerClient : IDisposable
{
    /// <summary>Size of each data chunk of an upload: 64 KiB, far below gRPC's 4 MB message limit.</summary>
    public const int UploadChunkSize = 64 * 1024;

    private readonly RpcChannel _channel;
    private readonly TimeProvider _time;

    public ControllerClient(ConnectionSettings connection, TimeProvider time)
    {
        Connection = connection;
        _time = time;
        _channel = new RpcChannel(connection.Api, new RpcChannelOptions { BearerToken = connection.Token, TimeProvider = time });
    }

    /// <summary>Where the calls go and with which token.</summary>
    public ConnectionSettings Connection { get; }

    /// <summary>Deadline of each unary call. Default 30 s.</summary>
    public TimeSpan UnaryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Streams <paramref name="archive"/> (from its current position to its end) as the package of
    /// <paramref name="app"/>: a header chunk with the size, then <see cref="UploadChunkSize"/> data
    /// chunks. <paramref name="progress"/> receives the bytes sent so far.
    /// </summary>
    public async Task<UploadReply> UploadPackageAsync(string app, Stream archive, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var size = archive.Length - archive.Position;
        using var call = _channel.ClientStreaming(ControllerMethods.UploadPackage, new CallOptions { CancellationToken = cancellationToken });
        try
        {
            await call.RequestStream.WriteAsync(new UploadChunk { Header = new UploadHeader { App = app, Size = size } }, cancellationToken);
            var buffer = new byte[UploadChunkSize];
            long sent = 0;
            int read;
            while ((read = await archive.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                sent += read;
                progress?.Report(sent);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            // The controller may end the upload early (too large, bad app name); a write then fails
            // with a bare reset, and the response carries the controller's real status and message.
        }

        return await call.ResponseAsync;
    }

    /// <summary>Deploys an uploaded package, yielding staging output, the release and instance progress as they come.</summary>
    public async IAsyncEnumerable<DeployProgress> DeployAsync(DeployRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(ControllerMethods.Deploy, request, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var item in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Streams the app's detail every time it changes.</summary>
    public async IAsyncEnumerable<AppDetail> WatchAppAsync(string app, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(ControllerMethods.WatchApp, new GetAppRequest { App = app }, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var item in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    public Task<ListAppsReply> ListAppsAsync(CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.ListApps, new ListAppsRequest(), cancellationToken);

    public Task<AppDetail> GetAppAsync(string app, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.GetApp, new GetAppRequest { App = app }, cancellationToken);

    public Task<AppDetail> ScaleAsync(ScaleRequest request, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.Scale, request, cancellationToken);

    public Task<AppDetail> SetAppStateAsync(string app, bool started, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.SetAppState, new SetAppStateRequest { App = app, Started = started }, cancellationToken);

    public Task<AppDetail> RestartAppAsync(string app, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.RestartApp, new RestartAppRequest { App = app }, cancellationToken);

    public Task<DeleteAppReply> DeleteAppAsync(string app, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.DeleteApp, new DeleteAppRequest { App = app }, cancellationToken);

    public Task<ListReleasesReply> ListReleasesAsync(string app, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.ListReleases, new ListReleasesRequest { App = app }, cancellationToken);

    public Task<AppDetail> RollbackAsync(string app, int toVersion, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.Rollback, new RollbackRequest { App = app, ToVersion = toVersion }, cancellationToken);

    public Task<ListNodesReply> ListNodesAsync(CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.ListNodes, new ListNodesRequest(), cancellationToken);

    public Task<ListEventsReply> ListEventsAsync(string app, int limit, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.ListEvents, new ListEventsRequest { App = app, Limit = limit }, cancellationToken);

    public Task<ListRoutesReply> ListRoutesAsync(string app, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.ListRoutes, new ListRoutesRequest { App = app }, cancellationToken);

    public Task<RouteSummary> MapRouteAsync(MapRouteRequest request, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.MapRoute, request, cancellationToken);

    public Task<RouteSummary> UnmapRouteAsync(MapRouteRequest request, CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.UnmapRoute, request, cancellationToken);

    public Task<PlatformInfo> GetPlatformInfoAsync(CancellationToken cancellationToken) =>
        UnaryAsync(ControllerMethods.GetPlatformInfo, new PlatformInfoRequest(), cancellationToken);

    public void Dispose() => _channel.Dispose();

    private Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        _channel.UnaryAsync(method, request, new CallOptions { Deadline = _time.GetUtcNow() + UnaryTimeout, CancellationToken = cancellationToken });
}
