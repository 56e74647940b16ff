namespace MiniPaas.Staging.Stacks;

/// <summary>
/// A stack is what an app runs on: the layers below the app (built once, cached by content),
/// how to recognise an app that needs it, how to turn the app's files into what goes under
/// <c>/app</c>, and the command that starts it.
/// </summary>
internal interface IStack
{
    /// <summary>The name users write in a manifest, e.g. <c>busybox</c>.</summary>
    string Name { get; }

    /// <summary>True if the files in <paramref name="sourceDirectory"/> look like an app for this stack.</summary>
    bool Detect(string sourceDirectory);

    /// <summary>Environment the stack adds to the image config, besides PATH and PORT.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Environment { get; }

    /// <summary>The entrypoint; the start command is passed to it as one string (Cmd).</summary>
    IReadOnlyList<string> Entrypoint { get; }

    /// <summary>The stack's layers, bottom first; reused from the on-disk cache when the host files have not changed.</summary>
    Task<IReadOnlyList<StackLayer>> GetLayersAsync(IProgress<string> output, CancellationToken cancellationToken);

    /// <summary>Produces the directory to place under <c>/app</c> (building it if needed) and the default start command.</summary>
    Task<PreparedApp> PrepareAppAsync(StagingRequest request, string workDirectory, IProgress<string> output, CancellationToken cancellationToken);
}
