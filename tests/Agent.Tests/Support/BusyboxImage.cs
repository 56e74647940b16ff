using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MiniPaas.Docker;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>
/// A two-megabyte image made on the spot from the host's static busybox (Debian's busybox-static):
/// <c>/bin/busybox</c>, <c>/bin/sh</c> and a <c>/www/index.html</c> that says "ok". Loaded as a
/// <c>docker save</c> archive so the image carries the test label.
/// </summary>
public sealed class BusyboxImage : IAsyncLifetime
{
    public const string TestLabel = "minipaas.test";
    public const string TestLabelValue = "agent-tests";
    private const string BusyboxPath = "/bin/busybox";

    public DockerClient Docker { get; } = new();

    /// <summary><c>minipaas-agent-tests/busybox:&lt;hash of busybox&gt;</c>, available after initialisation.</summary>
    public string Reference { get; private set; } = string.Empty;

    /// <summary>The image as a <c>docker save</c> archive, for pushing it into a registry.</summary>
    public byte[] SaveArchive { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new InvalidOperationException($"{BusyboxPath} is missing: install Debian's busybox-static.");
        }

        var busybox = await File.ReadAllBytesAsync(BusyboxPath);
        Reference = "minipaas-agent-tests/busybox:" + Convert.ToHexStringLower(SHA256.HashData(busybox))[..12];
        SaveArchive = BuildSaveArchive(busybox, Reference);
        if (await Docker.InspectImageAsync(Reference) is null)
        {
            using var archive = new MemoryStream(SaveArchive);
            await Docker.LoadImageAsync(archive);
        }
    }

    private static byte[] BuildSaveArchive(byte[] busybox, string reference)
    {
        var layer = BuildLayer(busybox);
        var layerDigest = Convert.ToHexStringLower(SHA256.HashData(layer));
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
            os = "linux",
            config = new
            {
                Cmd = new[] { "/bin/sh" },
                Labels = new Dictionary<string, string> { [TestLabel] = TestLabelValue },
            },
            rootfs = new { type = "layers", diff_ids = new[] { "sha256:" + layerDigest } },
        });
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            new { Config = configName, RepoTags = new[] { reference }, Layers = new[] { layerDigest + "/layer.tar" } },
        });

        using var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddFile(writer, "manifest.json", manifest, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            AddFile(writer, configName, config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            AddFile(writer, layerDigest + "/layer.tar", layer, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return archive.ToArray();
    }

    public async Task DisposeAsync()
    {
        // Containers first (the agent under test labels them), then the image they use.
        var leftovers = await Docker.ListContainersAsync(all: true, new Dictionary<string, string?> { ["test.minipaas.agent"] = null });
        foreach (var container in leftovers)
        {
            await RemoveQuietlyAsync(() => Docker.RemoveContainerAsync(container.Id, force: true));
        }

        await RemoveQuietlyAsync(() => Docker.RemoveImageAsync(Reference, force: true));
        Docker.Dispose();
    }

    private static byte[] BuildLayer(byte[] busybox)
    {
        const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode Executable = Directory;
        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

        using var layer = new MemoryStream();
        using (var writer = new TarWriter(layer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "bin/") { Mode = Directory });
            AddFile(writer, "bin/busybox", busybox, Executable);
            writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bin/sh") { LinkName = "busybox", Mode = Executable });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "tmp/") { Mode = Directory | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "www/") { Mode = Directory });
            AddFile(writer, "www/index.html", Encoding.ASCII.GetBytes("ok\n"), Readable);
        }

        return layer.ToArray();
    }

    private static void AddFile(TarWriter writer, string name, byte[] content, UnixFileMode mode)
    {
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content) });
    }

    private static async Task RemoveQuietlyAsync(Func<Task> remove)
    {
        try
        {
            await remove();
        }
        catch (DockerApiException)
        {
        }
    }
}
