using System.Net.WebSockets;
using System.Text;
using MiniPaas.Router.Tests.Infrastructure;

namespace MiniPaas.Router.Tests;

/// <summary>Long-lived exchanges pass through the router unbuffered.</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task WebSocket_EchoThroughRouter_Works()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);
        using var invoker = router.CreateInvoker();
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await socket.ConnectAsync(new Uri($"ws://hello.localhost:{router.ProxyEndPoint.Port}/ws"), invoker, timeout.Token);
        var replies = new List<string>();
        foreach (var message in new[] { "ping", "second message" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            replies.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(["a echoes ping", "a echoes second message"], replies);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task StreamingResponse_FirstChunkArrivesBeforeTheResponseEnds()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await router.Client.GetAsync(router.Url("hello.localhost", "/stream"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var reader = new StreamReader(body);
        var first = await reader.ReadLineAsync(timeout.Token);

        // The backend is still holding its second chunk back: what arrived was streamed, not buffered.
        Assert.Equal("first", first);
        Assert.False(a.StreamGate.Task.IsCompleted);

        a.StreamGate.SetResult();
        var rest = await reader.ReadToEndAsync(timeout.Token);
        Assert.Equal("second\n", rest);
    }
}
