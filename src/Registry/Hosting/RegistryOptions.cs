namespace MiniPaas.Registry.Hosting;

/// <summary>
/// Settings of the image registry, bound from the <c>Registry</c> configuration section
/// (e.g. <c>--Registry:Token=...</c> or the environment variable <c>Registry__Token</c>).
/// </summary>
public sealed class RegistryOptions
{
    /// <summary>Name of the configuration section <see cref="RegistryWebApplicationBuilderExtensions.AddRegistry"/> binds.</summary>
    public const string SectionName = "Registry";

    /// <summary>Address the standalone registry listens on when no <c>--urls</c> (or <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>) is configured.</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:5000";

    /// <summary>Default for <see cref="MaxUploadBytes"/>: 2 GiB.</summary>
    public const long DefaultMaxUploadBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Where blobs, manifests, tags and in-progress uploads are kept. Default <c>./data/registry</c>
    /// (relative to the working directory). Uploads are resumable across restarts on the same directory.
    /// </summary>
    public string DataDirectory { get; set; } = "./data/registry";

    /// <summary>
    /// Shared secret. When set, every request must carry <c>Authorization: Basic base64(anyuser:TOKEN)</c>
    /// or <c>Authorization: Bearer TOKEN</c>; otherwise it is answered 401 with a Basic challenge.
    /// Default <c>null</c>: no authentication (only sensible on a loopback address).
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Largest blob accepted, in bytes. Larger uploads are refused with 413 / <c>SIZE_INVALID</c> and their
    /// partial data deleted, both up front from Content-Length and while streaming. Default 2 GiB.
    /// </summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>
    /// Whether <c>DELETE</c> of manifests, tags and blobs is allowed. Default <c>false</c>: deletes answer
    /// 405 / <c>UNSUPPORTED</c>, which together with immutable tags means a pulled digest never disappears.
    /// </summary>
    public bool AllowDelete { get; set; }
}
