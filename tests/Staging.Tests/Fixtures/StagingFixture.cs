namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>
/// One reference registry and one stack-layer cache for all staging tests: building the dotnet
/// runtime layer once is the realistic case (a control plane keeps its cache), and it keeps the
/// suite within the two cores' budget.
/// </summary>
public sealed class StagingFixture : IAsyncLifetime
{
    private ReferenceRegistry? _registry;
    private TemporaryDirectory? _directory;

    internal ReferenceRegistry Registry => _registry ?? throw new InvalidOperationException("Fixture not started.");

    internal HttpClient Http { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    internal RegistryClient RegistryClient { get; private set; } = null!;

    internal StagingOptions Options { get; private set; } = null!;

    internal Stager Stager { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _registry = await ReferenceRegistry.StartAsync();
        _directory = new TemporaryDirectory("minipaas-staging-cache-");
        Options = new StagingOptions
        {
            CacheDirectory = _directory.Combine("cache"),
            WorkDirectory = _directory.Combine("work"),
        };
        RegistryClient = new RegistryClient(Http, new RegistryClientOptions { BaseAddress = _registry.BaseAddress });
        Stager = new Stager(Options, RegistryClient);
    }

    /// <summary>A second stager over the same cache, as after a control-plane restart.</summary>
    internal Stager NewStager() => new(Options, RegistryClient);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _directory?.Dispose();
    }
}
