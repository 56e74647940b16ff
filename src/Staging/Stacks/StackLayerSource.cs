using Microsoft.Extensions.Logging;
using MiniPaas.Staging.Layers;
using MiniPaas.Staging.Logging;

namespace MiniPaas.Staging.Stacks;

/// <summary>Turns a stack's layer plans into cached blobs and says so on the staging output.</summary>
internal sealed class StackLayerSource(LayerCache cache, ILogger logger)
{
    public async Task<StackLayer> GetAsync(string name, LayerContents plan, IProgress<string> output, CancellationToken cancellationToken)
    {
        var (blob, cacheHit) = await cache.GetOrBuildAsync(plan, cancellationToken).ConfigureAwait(false);
        if (cacheHit)
        {
            StagingLog.StackLayerCacheHit(logger, name, blob.Digest);
        }
        else
        {
            StagingLog.StackLayerBuilt(logger, name, blob.Digest, blob.Size);
            output.Report($"-----> Built stack layer {name}: {Digests.Short(blob.Digest)} ({Sizes.Format(blob.Size)}, {plan.Count} entries)");
        }

        return new StackLayer(name, blob);
    }
}
