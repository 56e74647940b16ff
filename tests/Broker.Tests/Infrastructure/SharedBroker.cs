namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>One broker (and its PostgreSQL and Redis) for a whole test collection; each test uses its own instance ids.</summary>
public sealed class SharedBroker : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();

    internal BrokerTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await BrokerTestHost.StartAsync(_directory.Path);

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        _directory.Dispose();
    }
}
