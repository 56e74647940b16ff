namespace MiniPaas.Staging;

/// <summary>
/// StagingRequest describes one app to turn into an image: its name (which becomes the image
/// repository), the directory holding its already-extracted files, and optional overrides.
/// </summary>
public sealed record StagingRequest
{
    /// <summary>The app's name; it becomes the repository name, so it must be a valid OCI repository component (lowercase letters, digits, '.', '_', '-').</summary>
    public required string AppName { get; init; }

    /// <summary>The directory holding the app's files, e.g. the output of <see cref="AppArchive.ExtractAsync"/>. Staging never modifies it.</summary>
    public required string SourceDirectory { get; init; }

    /// <summary>The stack to use (<c>busybox</c> or <c>dotnet</c>); <c>null</c> detects it from the files.</summary>
    public string? Stack { get; init; }

    /// <summary>The start command (run by <c>/bin/sh -c</c>); <c>null</c> uses the stack's default (Procfile <c>web:</c>, <c>./start.sh</c>, <c>dotnet /app/App.dll</c>).</summary>
    public string? Command { get; init; }

    /// <summary>
    /// Environment for the build step only (e.g. <c>dotnet publish</c>). It is deliberately not baked
    /// into the image: the release sets the app's environment at run time, and service credentials
    /// must never end up in a registry blob.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra image labels (sorted into the config, so they are part of the digest).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
