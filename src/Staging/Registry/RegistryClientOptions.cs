namespace MiniPaas.Staging;

/// <summary>RegistryClientOptions says where the OCI registry is and how long to wait for it.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>The registry's base address (the part before <c>/v2/</c>). Default: <c>http://127.0.0.1:5000/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5000/");

    /// <summary>A token sent as HTTP Basic credentials <c>x:TOKEN</c>; <c>null</c> sends none. Default: none.</summary>
    public string? Token { get; set; }

    /// <summary>Limit for small calls (HEAD, starting an upload, manifests). Default: 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for uploading one blob, which may be a 50 MB runtime layer. Default: 10 minutes.</summary>
    public TimeSpan BlobUploadTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
