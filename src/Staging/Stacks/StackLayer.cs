using MiniPaas.Staging.Layers;

namespace MiniPaas.Staging.Stacks;

/// <summary>One cached stack layer and the line that describes it in the image history.</summary>
internal sealed record StackLayer(string Name, LayerBlob Blob);
