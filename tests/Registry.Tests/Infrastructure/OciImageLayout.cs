using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>
/// Builds a one-layer OCI image layout from the host's static /bin/busybox, for skopeo to push. No image can be
/// pulled from the internet here, so the test image is made from what the machine has.
/// </summary>
internal sealed record OciImageLayout(string Directory, string Tag, string ManifestDigest)
{
    public const string BusyboxPath = "/bin/busybox";

    /// <summary>Label on the image config, so leftovers of these tests can be found and removed.</summary>
    public const string TestLabel = "minipaas.test";
    public const string TestLabelValue = "registry.tests";

    public static async Task<OciImageLayout> CreateBusyboxAsync(string directory, string tag)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        System.IO.Directory.CreateDirectory(blobs);

        var tar = BuildRootFsTar();
        var layer = Gzip(tar);
        var layerDigest = await WriteBlobAsync(blobs, layer);

        // A fresh run id makes every run a different image, so the engine must really pull it from the registry.
        var config = Json(writer =>
        {
            writer.WriteString("architecture", DockerArchitecture());
            writer.WriteString("os", "linux");
            writer.WriteStartObject("config");
            writer.WriteStartArray("Env");
            writer.WriteStringValue("PATH=/bin");
            writer.WriteEndArray();
            writer.WriteStartObject("Labels");
            writer.WriteString(TestLabel, TestLabelValue);
            writer.WriteString("minipaas.test.run", Guid.NewGuid().ToString("N"));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("rootfs");
            writer.WriteString("type", "layers");
            writer.WriteStartArray("diff_ids");
            writer.WriteStringValue(TestContent.DigestOf(tar));
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        var configDigest = await WriteBlobAsync(blobs, config);

        var manifest = TestContent.ImageManifest(
            TestContent.OciManifest,
            (TestContent.OciConfig, configDigest, config.LongLength),
            (TestContent.OciLayer, layerDigest, layer.LongLength));
        var manifestDigest = await WriteBlobAsync(blobs, manifest);

        var index = Json(writer =>
        {
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteStartArray("manifests");
            writer.WriteStartObject();
            writer.WriteString("mediaType", TestContent.OciManifest);
            writer.WriteString("digest", manifestDigest);
            writer.WriteNumber("size", manifest.LongLength);
            writer.WriteStartObject("annotations");
            writer.WriteString("org.opencontainers.image.ref.name", tag);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        });
        await File.WriteAllBytesAsync(Path.Combine(directory, "index.json"), index);
        await File.WriteAllTextAsync(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        return new OciImageLayout(directory, tag, manifestDigest);
    }

    private static byte[] BuildRootFsTar()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            var modified = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = executable, ModificationTime = modified });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox")
            {
                Mode = executable,
                ModificationTime = modified,
                DataStream = new MemoryStream(File.ReadAllBytes(BusyboxPath)),
            });
        }

        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    private static async Task<string> WriteBlobAsync(string blobsDirectory, byte[] content)
    {
        var digest = TestContent.DigestOf(content);
        await File.WriteAllBytesAsync(Path.Combine(blobsDirectory, digest["sha256:".Length..]), content);
        return digest;
    }

    private static byte[] Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string DockerArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"no Docker architecture name known for {other}"),
    };

    /// <summary>The layout as a skopeo source reference.</summary>
    public string SkopeoReference => $"oci:{Directory}:{Tag}";
}
