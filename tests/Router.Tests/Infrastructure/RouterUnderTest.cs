using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using MiniPaas.Router.AccessLog;
using MiniPaas.Router.Hosting;
using MiniPaas.Router.Routing;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>
/// The real router (its Kestrel listeners on free loopback ports) pointed at a scheduler address. Its
/// <see cref="Client"/> sends <c>http://app.localhost:PORT/...</c> requests to the router's port whatever
/// the host name, like a browser resolving *.localhost to loopback.
/// </summary>
internal sealed class RouterUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RouterUnderTest(WebApplication app, RecordingAccessLogSink accessLog)
    {
        _app = app;
        AccessLog = accessLog;
        var endpoints = app.Services.GetRequiredService<RouterEndpoints>();
        ProxyEndPoint = endpoints.ProxyEndPoint;
        AdminEndPoint = endpoints.AdminEndPoint;
        Client = CreateClient(ProxyEndPoint, useCookies: false);
        Admin = new HttpClient { BaseAddress = new Uri($"http://{AdminEndPoint}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public IPEndPoint ProxyEndPoint { get; }

    public IPEndPoint AdminEndPoint { get; }

    public HttpClient Client { get; }

    public HttpClient Admin { get; }

    public RecordingAccessLogSink AccessLog { get; }

    public RouteTableStore Store => _app.Services.GetRequiredService<RouteTableStore>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a router watching <paramref name="scheduler"/>; <paramref name="settings"/> are extra <c>MiniPaas:Router</c> settings.</summary>
    public static async Task<RouterUnderTest> StartAsync(Uri scheduler, params (string Key, string Value)[] settings)
    {
        var args = new List<string>
        {
            "--MiniPaas:Router:ListenUrl=http://127.0.0.1:0",
            "--MiniPaas:Router:AdminUrl=http://127.0.0.1:0",
            $"--MiniPaas:Router:SchedulerAddress={scheduler}",
            $"--MiniPaas:Router:Token={FakeScheduler.Token}",
            "--MiniPaas:Router:ReconnectInitialDelay=00:00:00.050",
            "--MiniPaas:Router:ReconnectMaxDelay=00:00:00.500",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:MiniPaas.Router.AccessLog=None",
        };
        args.AddRange(settings.Select(s => $"--MiniPaas:Router:{s.Key}={s.Value}"));
        var sink = new RecordingAccessLogSink();
        var app = RouterApplication.Create([.. args], builder => builder.Services.AddSingleton<IAccessLogSink>(sink));
        await app.StartAsync();
        return new RouterUnderTest(app, sink);
    }

    /// <summary>A client whose connections all go to the router, so URLs can name app hosts.</summary>
    public HttpClient CreateClient(bool useCookies) => CreateClient(ProxyEndPoint, useCookies);

    public HttpMessageInvoker CreateInvoker() => new(CreateHandler(ProxyEndPoint, useCookies: false));

    public Uri Url(string host, string pathAndQuery = "/") => new($"http://{host}:{ProxyEndPoint.Port}{pathAndQuery}");

    public async Task<string> GetTextAsync(string host, string pathAndQuery = "/")
    {
        using var response = await Client.GetAsync(Url(host, pathAndQuery));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {host}{pathAndQuery} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Waits until the router has a table of at least <paramref name="version"/> in effect.</summary>
    public Task WaitForTableAsync(long version) =>
        Eventually.UntilAsync(() => Task.FromResult(Store.Current.Source != RouteTableSource.None && Store.Current.Table.Version >= version), $"route table {version} applied");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static HttpClient CreateClient(IPEndPoint target, bool useCookies) =>
        new(CreateHandler(target, useCookies)) { Timeout = TimeSpan.FromSeconds(30) };

    private static SocketsHttpHandler CreateHandler(IPEndPoint target, bool useCookies) => new()
    {
        UseProxy = false,
        UseCookies = useCookies,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(target, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
