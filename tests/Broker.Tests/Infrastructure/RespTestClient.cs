using System.Net.Sockets;
using System.Text;

namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>
/// An application's view of Redis, written apart from the broker's own client: sends a command as RESP and
/// returns the reply line, e.g. <c>+OK</c>, <c>-NOPERM ...</c>, <c>:1</c>, or <c>$</c> followed by a bulk value.
/// </summary>
internal sealed class RespTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private RespTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RespTestClient> ConnectAsync(string host, int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        return new RespTestClient(tcp);
    }

    public async Task<string> CommandAsync(params string[] arguments)
    {
        var request = new StringBuilder($"*{arguments.Length}\r\n");
        foreach (var argument in arguments)
        {
            request.Append($"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var line = await _reader.ReadLineAsync() ?? throw new IOException("Redis closed the connection.");
        if (line.StartsWith('$') && line != "$-1")
        {
            return "$" + await _reader.ReadLineAsync();
        }

        return line;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
