namespace MiniPaas.Staging.Stacks;

/// <summary>
/// The busybox stack runs scripts and self-contained binaries on a 2 MB userland. An app is
/// recognised by a <c>Procfile</c> or a <c>start.sh</c>; it starts with the Procfile's
/// <c>web:</c> command, else <c>./start.sh</c>.
/// </summary>
internal sealed class BusyboxStack(BusyboxBaseLayer baseLayer, StackLayerSource layers) : IStack
{
    public const string StartScript = "start.sh";
    public const string Procfile = "Procfile";

    public string Name => StackNames.Busybox;

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; } = [];

    public IReadOnlyList<string> Entrypoint { get; } = ["/bin/sh", "-c"];

    public bool Detect(string sourceDirectory) =>
        File.Exists(Path.Combine(sourceDirectory, Procfile)) || File.Exists(Path.Combine(sourceDirectory, StartScript));

    public async Task<IReadOnlyList<StackLayer>> GetLayersAsync(IProgress<string> output, CancellationToken cancellationToken)
    {
        var plan = await baseLayer.PlanAsync(cancellationToken).ConfigureAwait(false);
        return [await layers.GetAsync(BusyboxBaseLayer.LayerName, plan, output, cancellationToken).ConfigureAwait(false)];
    }

    public Task<PreparedApp> PrepareAppAsync(StagingRequest request, string workDirectory, IProgress<string> output, CancellationToken cancellationToken)
    {
        var forceExecutable = new HashSet<string>(StringComparer.Ordinal);
        string? command = ProcfileReader.ReadWebCommand(request.SourceDirectory);
        if (command is null && File.Exists(Path.Combine(request.SourceDirectory, StartScript)))
        {
            command = "./" + StartScript;
        }

        // Uploads from some machines lose the execute bit; the start script is executable by intent.
        if (File.Exists(Path.Combine(request.SourceDirectory, StartScript)))
        {
            forceExecutable.Add(StartScript);
        }

        return Task.FromResult(new PreparedApp(request.SourceDirectory, command, forceExecutable));
    }
}
