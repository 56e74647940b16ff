using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MiniPaas.Docker.Tests.Fixtures;

/// <summary>
/// Builds a tiny image from the host's static busybox, since nothing can be pulled here: a root
/// filesystem tar (for import) and a <c>docker save</c> archive around it (for load).
/// </summary>
internal static class BusyboxImageBuilder
{
    public const string BusyboxPath = "/bin/busybox";
    public const string IndexHtml = "hello from minipaas\n";

    // Applets reached through PATH by the test scripts; everything else is called as "busybox X".
    private static readonly string[] Applets = ["sh", "sleep", "cat", "echo", "printf", "ls", "touch", "httpd", "true", "false", "env", "id", "test"];

    private static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] BuildRootfsTar()
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new InvalidOperationException($"{BusyboxPath} is missing: install Debian's busybox-static.");
        }

        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            AddDirectory(writer, "bin/", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            AddFile(writer, "bin/busybox", File.ReadAllBytes(BusyboxPath), executable: true);
            foreach (var applet in Applets)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox", ModificationTime = FixedTime });
            }

            AddDirectory(writer, "tmp/", (UnixFileMode)0x3FF | UnixFileMode.StickyBit);
            AddDirectory(writer, "www/", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            AddFile(writer, "www/index.html", Encoding.UTF8.GetBytes(IndexHtml), executable: false);
        }

        return output.ToArray();
    }

    /// <summary>A <c>docker save</c> archive: manifest.json, the image config named by its digest, one layer.</summary>
    public static byte[] BuildSaveArchive(string repoTag, IReadOnlyDictionary<string, string> labels)
    {
        var layer = BuildRootfsTar();
        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(layer));
        var labelsNode = new JsonObject();
        foreach (var (key, value) in labels)
        {
            labelsNode[key] = value;
        }

        var config = new JsonObject
        {
            ["architecture"] = RuntimeInformation.OSArchitecture switch
            {
                Architecture.Arm64 => "arm64",
                _ => "amd64",
            },
            ["os"] = "linux",
            ["created"] = FixedTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/bin"),
                ["Cmd"] = new JsonArray("/bin/sh"),
                ["Labels"] = labelsNode,
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffId) },
            ["history"] = new JsonArray(new JsonObject { ["created"] = FixedTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), ["created_by"] = "MiniPaas.Docker.Tests busybox fixture" }),
        };
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var configName = Convert.ToHexStringLower(SHA256.HashData(configBytes)) + ".json";
        var layerPath = diffId["sha256:".Length..] + "/layer.tar";
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(repoTag),
            ["Layers"] = new JsonArray(layerPath),
        });

        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            AddFile(writer, configName, configBytes, executable: false);
            AddDirectory(writer, diffId["sha256:".Length..] + "/", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            AddFile(writer, layerPath, layer, executable: false);
            AddFile(writer, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()), executable: false);
        }

        return output.ToArray();
    }

    private static void AddDirectory(TarWriter writer, string name, UnixFileMode mode) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode, ModificationTime = FixedTime });

    private static void AddFile(TarWriter writer, string name, byte[] content, bool executable)
    {
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (executable)
        {
            mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }

        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode,
            ModificationTime = FixedTime,
            DataStream = new MemoryStream(content),
        });
    }
}
