using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>Finds runs of consecutive ports nothing listens on, by binding them.</summary>
internal static class FreePorts
{
    public static (int Start, int End) Range(IPAddress address, int size)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            // Below Linux's ephemeral range (32768+), so outgoing connections do not land in it.
            var start = Random.Shared.Next(20000, 32000 - size);
            if (Enumerable.Range(start, size).All(port => IsFree(address, port)))
            {
                return (start, start + size - 1);
            }
        }

        throw new InvalidOperationException($"No {size} consecutive free ports found on {address}.");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
