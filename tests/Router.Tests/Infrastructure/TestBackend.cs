using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>
/// An app instance: a real Kestrel server on a free loopback port that answers with its own name, echoes
/// request headers (<c>/headers</c>) and bodies (<c>/echo</c>), streams (<c>/stream</c>) and echoes WebSocket
/// messages (<c>/ws</c>).
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestBackend(WebApplication app, string name, int port, TaskCompletionSource streamGate)
    {
        _app = app;
        Name = name;
        Port = port;
        StreamGate = streamGate;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>host:port, as the scheduler puts it in a route table.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Completing it lets <c>/stream</c> send its second chunk and finish.</summary>
    public TaskCompletionSource StreamGate { get; }

    public int RequestCount => _requestCount;

    private int _requestCount;

    public static Task<TestBackend> StartAsync(string name) => StartOnPortAsync(name, 0);

    /// <summary>Starts on a given port (0 = a free one), e.g. to bring back an instance where it was.</summary>
    public static async Task<TestBackend> StartOnPortAsync(string name, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestBackend? self = null;
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref self!._requestCount);
            return next(context);
        });
        app.UseWebSockets();
        app.MapGet("/headers", (HttpContext context) =>
            Results.Text(JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)), "application/json"));
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            return Results.Text($"{name}:{await reader.ReadToEndAsync()}");
        });
        app.MapGet("/stream", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("first\n");
            await context.Response.Body.FlushAsync();
            await gate.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("second\n");
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var reply = System.Text.Encoding.UTF8.GetBytes($"{name} echoes {System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count)}");
                await socket.SendAsync(reply, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            }
        });
        app.MapFallback((HttpContext context) => Results.Text(name));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        self = new TestBackend(app, name, new Uri(address).Port, gate);
        return self;
    }

    /// <summary>Stops the instance abruptly: connections are aborted, nothing is drained, the port refuses from now on.</summary>
    public async Task KillAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _app.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        StreamGate.TrySetResult();
        await KillAsync();
    }
}
