using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Tests.Infrastructure;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Tests.EndToEnd;

/// <summary>The aggregator as a real child process, killed with SIGKILL and started again on the same data.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Recent_AfterKillAndRestart_ReturnsTheSameAcknowledgedLines()
    {
        List<LogRecord> before;
        await using (var first = await AggregatorProcess.StartAsync(_temp.Path))
        {
            await using (var shipper = new LogShipper(new LogShipperOptions { Address = first.GrpcAddress, Token = AggregatorProcess.Token }))
            {
                for (var i = 0; i < 500; i++)
                {
                    shipper.TryEnqueue("durable", LogSourceTypes.App, (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture), $"line {i}");
                }

                await shipper.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal(500, shipper.GetStats().Acknowledged);
            }

            using var channel = new RpcChannel(first.GrpcAddress, new RpcChannelOptions { BearerToken = AggregatorProcess.Token });
            before = await Ship.RecentAsync(channel, "durable");

            // No graceful shutdown: what was acknowledged must already be with the OS.
            await first.KillAsync();
        }

        await using var second = await AggregatorProcess.StartAsync(_temp.Path);
        using var again = new RpcChannel(second.GrpcAddress, new RpcChannelOptions { BearerToken = AggregatorProcess.Token });
        var after = await Ship.RecentAsync(again, "durable");

        Assert.Equal(500, before.Count);
        Assert.Equal(before, after);
        var next = await Ship.EntriesAsync(again, Ship.Entry("durable", "after restart"));
        Assert.Equal(1, next.Accepted);
        Assert.Equal(501UL, (await Ship.RecentAsync(again, "durable", limit: 1)).Single().Sequence);
    }
}
