using System.Runtime.InteropServices;
using System.Text.Json;

namespace MiniPaas.Staging.Oci;

/// <summary>
/// Writes the image config and manifest with a fixed property order and no wall-clock time, so
/// the same layers and settings always give the same bytes and therefore the same digest.
/// </summary>
internal static class OciDocuments
{
    // Same instant as the layers' entries: an image's "created" must not depend on when it was staged.
    private const string Created = "1980-01-01T00:00:01Z";

    /// <summary>The OCI architecture name of this host, which is what the copied runtime runs on.</summary>
    public static string HostArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"Staging supports amd64 and arm64 hosts; this host is {other}."),
    };

    public static byte[] WriteConfig(ImageConfigSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("created", Created);
            json.WriteString("architecture", spec.Architecture);
            if (spec.Architecture == "arm64")
            {
                json.WriteString("variant", "v8");
            }

            json.WriteString("os", "linux");
            json.WriteStartObject("config");
            json.WriteString("User", spec.User);
            WriteStrings(json, "Env", spec.Env);
            WriteStrings(json, "Entrypoint", spec.Entrypoint);
            WriteStrings(json, "Cmd", spec.Cmd);
            json.WriteString("WorkingDir", spec.WorkingDir);
            json.WriteStartObject("Labels");
            foreach (var (key, value) in spec.Labels.OrderBy(label => label.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            WriteStrings(json, "diff_ids", spec.DiffIds);
            json.WriteEndObject();
            json.WriteStartArray("history");
            foreach (var step in spec.LayerHistory)
            {
                json.WriteStartObject();
                json.WriteString("created", Created);
                json.WriteString("created_by", step);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] WriteManifest(OciDescriptor config, IReadOnlyList<OciDescriptor> layers, IReadOnlyDictionary<string, string> annotations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.Manifest);
            json.WritePropertyName("config");
            WriteDescriptor(json, config);
            json.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                WriteDescriptor(json, layer);
            }

            json.WriteEndArray();
            if (annotations.Count > 0)
            {
                json.WriteStartObject("annotations");
                foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, OciDescriptor descriptor)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteString("digest", descriptor.Digest);
        json.WriteNumber("size", descriptor.Size);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
