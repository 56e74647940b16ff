using System.Net.Sockets;
using System.Text;

namespace Notes;

/// <summary>
/// A minimal Redis (RESP2) client: one connection, AUTH from the URL, commands as arrays of bulk
/// strings, replies +simple, -error, :integer, $bulk (and nil). Enough for GET and SET.
/// </summary>
public sealed class RespClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RespClient(TcpClient tcp, string keyPrefix)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
        KeyPrefix = keyPrefix;
    }

    /// <summary>The prefix the binding's ACL allows (key_prefix in VCAP_SERVICES); empty when not known.</summary>
    public string KeyPrefix { get; }

    public static async Task<RespClient> ConnectAsync(string url, CancellationToken ct)
    {
        var uri = new Uri(url);
        var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : 6379, ct);
        var client = new RespClient(tcp, KeyPrefixFromServices());
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            await client.CommandAsync(ct, "AUTH", Uri.UnescapeDataString(userInfo[0]), Uri.UnescapeDataString(userInfo[1]));
        }

        return client;
    }

    /// <summary>Sends one command and returns its reply as text (null for a nil reply); an error reply throws.</summary>
    public async Task<string?> CommandAsync(CancellationToken ct, params string[] parts)
    {
        var request = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), ct);
        var line = await _reader.ReadLineAsync(ct) ?? throw new IOException("redis closed the connection");
        switch (line[0])
        {
            case '+':
            case ':':
                return line[1..];
            case '-':
                throw new InvalidOperationException("redis: " + line[1..]);
            case '$':
                var length = int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new char[length];
                var read = 0;
                while (read < length)
                {
                    read += await _reader.ReadAsync(buffer.AsMemory(read, length - read), ct);
                }

                await _reader.ReadLineAsync(ct);
                return new string(buffer);
            default:
                throw new InvalidOperationException("redis: unexpected reply " + line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static string KeyPrefixFromServices()
    {
        var vcap = Environment.GetEnvironmentVariable("VCAP_SERVICES");
        if (string.IsNullOrEmpty(vcap))
        {
            return "";
        }

        using var document = System.Text.Json.JsonDocument.Parse(vcap);
        return document.RootElement.TryGetProperty("redis", out var redis)
            && redis.GetArrayLength() > 0
            && redis[0].GetProperty("credentials").TryGetProperty("key_prefix", out var prefix)
            ? prefix.GetString() ?? ""
            : "";
    }
}
