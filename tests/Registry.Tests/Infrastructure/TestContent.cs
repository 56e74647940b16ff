using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>Blobs and manifests for tests: random content, so no two tests ever share a digest by accident.</summary>
internal static class TestContent
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] Config() => Encoding.UTF8.GetBytes(
        $$$"""{"architecture":"amd64","os":"linux","config":{"Labels":{"nonce":"{{{Guid.NewGuid():N}}}"}},"rootfs":{"type":"layers","diff_ids":[]}}""");

    public static byte[] ImageManifest(byte[] config, params byte[][] layers) =>
        ImageManifest(OciManifest, (OciConfig, DigestOf(config), config.LongLength), layers.Select(l => (OciLayer, DigestOf(l), l.LongLength)).ToArray());

    public static byte[] ImageManifest(string mediaType, (string MediaType, string Digest, long Size) config, params (string MediaType, string Digest, long Size)[] layers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", mediaType);
            json.WritePropertyName("config");
            WriteDescriptor(json, config);
            json.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                WriteDescriptor(json, layer);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Index(params byte[][] manifests)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciIndex);
            json.WriteStartArray("manifests");
            foreach (var manifest in manifests)
            {
                WriteDescriptor(json, (OciManifest, DigestOf(manifest), manifest.LongLength));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, (string MediaType, string Digest, long Size) descriptor)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteString("digest", descriptor.Digest);
        json.WriteNumber("size", descriptor.Size);
        json.WriteEndObject();
    }
}
