using System.Net.Sockets;

namespace MiniPaas.Docker.Transport;

/// <summary>Opens the connection for <see cref="SocketsHttpHandler.ConnectCallback"/>: every HTTP connection goes to the engine's unix socket, whatever the URI's host.</summary>
internal static class UnixSocketConnector
{
    public static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
