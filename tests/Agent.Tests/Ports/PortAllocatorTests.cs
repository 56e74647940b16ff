using System.Net;
using System.Net.Sockets;
using MiniPaas.Agent.Ports;
using MiniPaas.Agent.Tests.Support;

namespace MiniPaas.Agent.Tests.Ports;

public sealed class PortAllocatorTests
{
    // A loopback address of its own, so nothing else binds these ports while the tests run.
    private static readonly IPAddress Address = IPAddress.Parse("127.0.0.38");

    [Fact]
    public void TryReserve_SameInstanceTwice_ReturnsSamePort()
    {
        var (start, end) = FreeRange(4);
        var allocator = new PortAllocator(Address, start, end);

        var first = allocator.TryReserve("instance-a");
        var second = allocator.TryReserve("instance-a");

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(1, allocator.ReservedCount);
    }

    [Fact]
    public void TryReserve_DifferentInstances_GetDistinctPortsInRange()
    {
        var (start, end) = FreeRange(3);
        var allocator = new PortAllocator(Address, start, end);

        var ports = new[] { "a", "b", "c" }.Select(id => allocator.TryReserve(id)).ToList();

        Assert.All(ports, port => Assert.InRange(port!.Value, start, end));
        Assert.Equal(3, ports.Distinct().Count());
    }

    [Fact]
    public void TryReserve_RangeExhausted_ReturnsNull()
    {
        var (start, end) = FreeRange(2);
        var allocator = new PortAllocator(Address, start, end);
        allocator.TryReserve("a");
        allocator.TryReserve("b");

        Assert.Null(allocator.TryReserve("c"));
    }

    [Fact]
    public void TryReserve_PortHasForeignListener_SkipsIt()
    {
        var (start, end) = FreeRange(2);
        using var squatter = new TcpListener(Address, start);
        squatter.Start();
        var allocator = new PortAllocator(Address, start, end);

        var port = allocator.TryReserve("a");

        Assert.Equal(end, port);
        Assert.Null(allocator.TryReserve("b"));
    }

    [Fact]
    public void TryReserve_ListenerOnWildcardAddress_SkipsIt()
    {
        // An app elsewhere bound to 0.0.0.0:port would collide with ours bound to address:port.
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var allocator = new PortAllocator(Address, taken, taken);

        Assert.Null(allocator.TryReserve("a"));
    }

    [Fact]
    public void Release_ThenReserve_ReusesPortOnlyAfterTheRestOfTheRange()
    {
        var (start, end) = FreeRange(3);
        var allocator = new PortAllocator(Address, start, end);
        var first = allocator.TryReserve("a");
        allocator.Release("a");

        var next = allocator.TryReserve("b");

        Assert.Equal(start, first);
        Assert.Equal(start + 1, next);
        Assert.Null(allocator.PortOf("a"));
    }

    [Fact]
    public void TryReserveExisting_AdoptedPort_IsNotHandedOutAgain()
    {
        var (start, end) = FreeRange(2);
        var allocator = new PortAllocator(Address, start, end);

        Assert.True(allocator.TryReserveExisting("adopted", start));
        Assert.Equal(end, allocator.TryReserve("new"));
        Assert.Null(allocator.TryReserve("another"));
    }

    [Fact]
    public void TryReserveExisting_PortOutsideRangeOrHeldByOther_ReturnsFalse()
    {
        var (start, end) = FreeRange(2);
        var allocator = new PortAllocator(Address, start, end);
        allocator.TryReserveExisting("a", start);

        Assert.False(allocator.TryReserveExisting("b", start));
        Assert.False(allocator.TryReserveExisting("c", end + 1));
        Assert.True(allocator.TryReserveExisting("a", start));
    }

    [Fact]
    public void Constructor_InvertedRange_ThrowsNamingTheRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PortAllocator(Address, 5000, 4000));

        Assert.Contains("5000-4000", error.Message);
    }

    private static (int Start, int End) FreeRange(int size) => FreePorts.Range(Address, size);
}
