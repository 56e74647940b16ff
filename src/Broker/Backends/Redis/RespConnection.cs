using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MiniPaas.Broker.Backends.Redis;

/// <summary>
/// A minimal client for Redis' RESP2 protocol over one TCP connection: commands are arrays of bulk strings;
/// replies come back as <see cref="string"/> (simple or bulk), <see cref="long"/>, <c>null</c> or
/// <see cref="T:object?[]"/>; error replies throw <see cref="RedisErrorException"/>. Not thread-safe: one command at a time.
/// </summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[8192];
    private int _bufferStart;
    private int _bufferEnd;

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RespConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            return new RespConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<object?> SendAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var request = new StringBuilder();
        request.Append('*').Append(arguments.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument).ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append(argument).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        return await ReadReplyAsync(arguments[0], cancellationToken);
    }

    public Task<object?> SendAsync(CancellationToken cancellationToken, params string[] arguments) => SendAsync(arguments, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<object?> ReadReplyAsync(string command, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        if (line.Length == 0)
        {
            throw new IOException($"Redis sent an empty reply line to {command}.");
        }

        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return payload;
            case '-':
                throw new RedisErrorException(command, payload);
            case ':':
                return long.Parse(payload, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var bytes = await ReadExactlyAsync(length + 2, cancellationToken);
                return Encoding.UTF8.GetString(bytes, 0, length);
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(command, cancellationToken);
                }

                return items;
            default:
                throw new IOException($"Redis sent a reply of unknown type '{line[0]}' to {command}.");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_bufferStart == _bufferEnd)
            {
                await FillAsync(cancellationToken);
            }

            var b = _buffer[_bufferStart++];
            if (b == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 1);
            }

            line.Add(b);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_bufferStart == _bufferEnd)
            {
                await FillAsync(cancellationToken);
            }

            var take = Math.Min(count - filled, _bufferEnd - _bufferStart);
            Array.Copy(_buffer, _bufferStart, result, filled, take);
            _bufferStart += take;
            filled += take;
        }

        return result;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        _bufferStart = 0;
        _bufferEnd = await _stream.ReadAsync(_buffer, cancellationToken);
        if (_bufferEnd == 0)
        {
            throw new IOException("Redis closed the connection.");
        }
    }
}
