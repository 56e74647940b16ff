using System.Text.Json;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Interop;

/// <summary>python3-grpcio as the client, our server as the server.</summary>
[Collection(PythonInteropCollection.Name)]
public sealed class PythonClientInteropTests(PythonGrpcFixture python) : IAsyncLifetime
{
    private RpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await RpcTestServer.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task Unary_PythonClient_ReplyAndMetadataRoundTrip()
    {
        var result = await python.RunClientAsync(_server.Address, "unary");

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("hello from python", result.GetProperty("text").GetString());
        Assert.Equal(3, result.GetProperty("payload_length").GetInt32());
        var binary = Convert.ToBase64String([0x00, 0x01, 0xfe, 0xff]);
        foreach (var section in new[] { "initial", "trailing" })
        {
            var pairs = Pairs(result.GetProperty(section));
            Assert.Contains(("x-echo-text", "py-value"), pairs);
            Assert.Contains(("x-echo-data-bin", binary), pairs);
        }
    }

    [Fact]
    public async Task ServerStream_PythonClient_AllRepliesInOrder()
    {
        var result = await python.RunClientAsync(_server.Address, "server_stream");

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal([0, 1, 2, 3, 4], result.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task ClientStream_PythonClient_ServerSeesEveryRequest()
    {
        var result = await python.RunClientAsync(_server.Address, "client_stream");

        Assert.Equal("m0,m1,m2,m3", result.GetProperty("text").GetString());
        Assert.Equal(4, result.GetProperty("received_count").GetInt32());
        Assert.Equal("6", result.GetProperty("received_bytes").ToString());
    }

    [Fact]
    public async Task Duplex_PythonClient_EachRequestEchoed()
    {
        var result = await python.RunClientAsync(_server.Address, "duplex");

        Assert.Equal(["a", "b", "c"], result.GetProperty("texts").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Error_PythonClient_GetsCodeDecodedDetailAndTrailers()
    {
        var result = await python.RunClientAsync(_server.Address, "error");

        Assert.Equal("NOT_FOUND", result.GetProperty("code").GetString());
        Assert.Equal("no such app: ünïcode 100%", result.GetProperty("details").GetString());
        Assert.Contains(("x-fail-reason", "forced"), Pairs(result.GetProperty("trailing")));
    }

    [Fact]
    public async Task Unimplemented_PythonClient_GetsUnimplemented()
    {
        var result = await python.RunClientAsync(_server.Address, "unimplemented");

        Assert.Equal("UNIMPLEMENTED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Deadline_PythonClient_DeadlineExceededAndHandlerCancelled()
    {
        var probeId = Guid.NewGuid().ToString();

        var result = await python.RunClientAsync(_server.Address, "deadline", probeId);

        Assert.Equal("DEADLINE_EXCEEDED", result.GetProperty("code").GetString());
        Assert.Equal("cancelled; deadline set: True", await _server.Probe.WaitAsync(probeId));
    }

    private static List<(string Key, string Value)> Pairs(JsonElement metadata) =>
        metadata.EnumerateArray().Select(pair => (pair[0].GetString()!, pair[1].GetString()!)).ToList();
}
