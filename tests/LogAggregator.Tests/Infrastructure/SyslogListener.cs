using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MiniPaas.LogAggregator.Tests.Infrastructure;

/// <summary>
/// A syslog receiver for tests: a TcpListener on a free loopback port that reads octet-counted
/// frames (RFC 6587) from every connection and keeps the messages.
/// </summary>
internal sealed class SyslogListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<string> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SyslogListener(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ReadFramesAsync(client);
        }
    }

    private async Task ReadFramesAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[8192];
            try
            {
                while (true)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.AddRange(chunk.AsSpan(0, read));
                    while (TryTakeFrame(buffer, out var message))
                    {
                        lock (_messages)
                        {
                            _messages.Add(message);
                        }
                    }
                }
            }
            catch (Exception error) when (error is OperationCanceledException or IOException)
            {
            }
        }
    }

    private static bool TryTakeFrame(List<byte> buffer, out string message)
    {
        message = "";
        var space = buffer.IndexOf((byte)' ');
        if (space <= 0)
        {
            return false;
        }

        var length = int.Parse(Encoding.ASCII.GetString(buffer.GetRange(0, space).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
        if (buffer.Count < space + 1 + length)
        {
            return false;
        }

        message = Encoding.UTF8.GetString(buffer.GetRange(space + 1, length).ToArray());
        buffer.RemoveRange(0, space + 1 + length);
        return true;
    }
}
