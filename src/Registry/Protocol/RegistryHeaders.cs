namespace MiniPaas.Registry.Protocol;

/// <summary>Header names and fixed values of the distribution protocol.</summary>
internal static class RegistryHeaders
{
    public const string ApiVersion = "Docker-Distribution-API-Version";
    public const string ApiVersionValue = "registry/2.0";
    public const string ContentDigest = "Docker-Content-Digest";
    public const string UploadUuid = "Docker-Upload-UUID";
    public const string BlobContentType = "application/octet-stream";
    public const string JsonContentType = "application/json";
}
