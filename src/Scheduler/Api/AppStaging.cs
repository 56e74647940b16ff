using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.LogShipping;
using MiniPaas.Staging;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// AppStaging owns the one <see cref="Stager"/> of the process, created on first use so a
/// scheduler can start (and serve everything but Deploy) on a host where staging is not possible.
/// </summary>
internal sealed class AppStaging : IDisposable
{
    private readonly Lazy<Stager> _stager;
    private readonly HttpClient _http = new();
    private readonly PlatformLogShipping _logShipping;

    public AppStaging(IOptions<SchedulerOptions> options, ILoggerFactory loggers, TimeProvider time, PlatformLogShipping logShipping)
    {
        _logShipping = logShipping;
        var o = options.Value;
        var root = Path.Combine(o.ResolvedDataDirectory(), "staging");
        SourceRoot = Path.Combine(root, "src");
        MaxAppBytes = new StagingOptions().MaxAppBytes;
        _stager = new Lazy<Stager>(() => new Stager(
            new StagingOptions { CacheDirectory = Path.Combine(root, "cache"), WorkDirectory = Path.Combine(root, "work") },
            new RegistryClient(_http, new RegistryClientOptions
            {
                BaseAddress = new Uri($"http://{o.RegistryAddress}/"),
                Token = string.IsNullOrEmpty(o.RegistryToken) ? null : o.RegistryToken,
            }),
            loggers.CreateLogger<Stager>(),
            time));
    }

    /// <summary>Where uploaded archives are extracted before staging.</summary>
    public string SourceRoot { get; }

    /// <summary>Most uncompressed bytes an app may hold.</summary>
    public long MaxAppBytes { get; }

    public Task<StagedImage> StageAsync(StagingRequest request, IProgress<string> output, CancellationToken cancellationToken) =>
        _stager.Value.StageAsync(request, _logShipping.TeeStagingOutput(request.AppName, output), cancellationToken);

    public void Dispose() => _http.Dispose();
}
