namespace MiniPaas.Staging.Oci;

/// <summary>The parts of an OCI image config that staging decides; see <see cref="OciDocuments.WriteConfig"/>.</summary>
internal sealed record ImageConfigSpec(
    string Architecture,
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    string WorkingDir,
    string User,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> DiffIds,
    IReadOnlyList<string> LayerHistory);
