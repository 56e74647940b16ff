using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Agent.Ports;

/// <summary>
/// Hands out ports from the node's range, one per instance. Containers share the host network, so
/// a port is only handed out when nothing listens on it: the allocator tries to bind the advertised
/// address and port itself before reserving it. Allocation walks the range round-robin so a port
/// just released by a stopped instance is not reused at once (clients may still hold connections
/// to the old instance).
/// </summary>
internal sealed class PortAllocator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _portByInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _instanceByPort = [];
    private int _nextCandidate;

    public PortAllocator(IPAddress address, int rangeStart, int rangeEnd)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (rangeStart is < 1 or > 65535 || rangeEnd is < 1 or > 65535 || rangeEnd < rangeStart)
        {
            throw new ArgumentOutOfRangeException(nameof(rangeEnd), $"Port range {rangeStart}-{rangeEnd} is not a valid range of TCP ports.");
        }

        Address = address;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        _nextCandidate = rangeStart;
    }

    public IPAddress Address { get; }

    public int RangeStart { get; }

    public int RangeEnd { get; }

    public int ReservedCount
    {
        get
        {
            lock (_gate)
            {
                return _portByInstance.Count;
            }
        }
    }

    /// <summary>
    /// Reserves a free port for <paramref name="instanceId"/>, or returns the one it already holds.
    /// Returns null when every port of the range is reserved or in use by something else.
    /// </summary>
    public int? TryReserve(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        lock (_gate)
        {
            if (_portByInstance.TryGetValue(instanceId, out var held))
            {
                return held;
            }

            var rangeSize = RangeEnd - RangeStart + 1;
            for (var attempt = 0; attempt < rangeSize; attempt++)
            {
                var candidate = _nextCandidate;
                _nextCandidate = candidate == RangeEnd ? RangeStart : candidate + 1;
                if (_instanceByPort.ContainsKey(candidate) || !CanBind(Address, candidate))
                {
                    continue;
                }

                _portByInstance[instanceId] = candidate;
                _instanceByPort[candidate] = instanceId;
                return candidate;
            }

            return null;
        }
    }

    /// <summary>
    /// Records the port of a container that already runs (adopted after an agent restart). No bind
    /// check: the instance itself is listening there. Returns false when the port lies outside the
    /// range or another instance holds it.
    /// </summary>
    public bool TryReserveExisting(string instanceId, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        lock (_gate)
        {
            if (port < RangeStart || port > RangeEnd)
            {
                return false;
            }

            if (_instanceByPort.TryGetValue(port, out var holder))
            {
                return holder == instanceId;
            }

            if (_portByInstance.ContainsKey(instanceId))
            {
                return false;
            }

            _portByInstance[instanceId] = port;
            _instanceByPort[port] = instanceId;
            return true;
        }
    }

    /// <summary>Frees the port held by <paramref name="instanceId"/>, if any.</summary>
    public void Release(string instanceId)
    {
        lock (_gate)
        {
            if (_portByInstance.Remove(instanceId, out var port))
            {
                _instanceByPort.Remove(port);
            }
        }
    }

    /// <summary>The port held by <paramref name="instanceId"/>, or null.</summary>
    public int? PortOf(string instanceId)
    {
        lock (_gate)
        {
            return _portByInstance.TryGetValue(instanceId, out var port) ? port : null;
        }
    }

    private static bool CanBind(IPAddress address, int port)
    {
        // A listener on the wildcard address or on this address makes the bind fail, which is
        // exactly the set of sockets an app told to bind address:port would collide with.
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
