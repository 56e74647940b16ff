using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Manifests;

/// <summary>
/// ManifestException reports a manifest the CLI cannot use; its message names the file and the field.
/// </summary>
internal sealed class ManifestException(string message) : CliException(message);
