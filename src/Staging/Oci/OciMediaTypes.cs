namespace MiniPaas.Staging.Oci;

/// <summary>The OCI image-spec media types staging writes.</summary>
internal static class OciMediaTypes
{
    public const string Manifest = "application/vnd.oci.image.manifest.v1+json";
    public const string Config = "application/vnd.oci.image.config.v1+json";
    public const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
}
