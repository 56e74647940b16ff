using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using MiniPaas.Staging.Layers;
using MiniPaas.Staging.Tests.Fixtures;

namespace MiniPaas.Staging.Tests.Layers;

public sealed class LayerWriterTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task WriteAsync_SameContentDifferentSourceTimes_GivesSameDigest()
    {
        var source = _scratch.Combine("payload.txt");
        await File.WriteAllTextAsync(source, "payload");
        var first = await LayerWriter.WriteAsync(Plan(source), _scratch.Combine("blobs-a"), CancellationToken.None);

        File.SetLastWriteTimeUtc(source, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = await LayerWriter.WriteAsync(Plan(source), _scratch.Combine("blobs-b"), CancellationToken.None);

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.DiffId, second.DiffId);
        Assert.Equal(await File.ReadAllBytesAsync(first.FilePath), await File.ReadAllBytesAsync(second.FilePath));
    }

    [Fact]
    public async Task WriteAsync_Layer_DigestIsOfGzipAndDiffIdOfTarWithSortedFixedEntries()
    {
        var source = _scratch.Combine("payload.txt");
        await File.WriteAllTextAsync(source, "payload");

        var blob = await LayerWriter.WriteAsync(Plan(source), _scratch.Combine("blobs"), CancellationToken.None);

        var compressed = await File.ReadAllBytesAsync(blob.FilePath);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(compressed)), blob.Digest);
        Assert.Equal(compressed.Length, blob.Size);
        var tar = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(tar);
        }

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar.ToArray())), blob.DiffId);
        tar.Position = 0;
        var entries = new List<TarEntry>();
        await using (var reader = new TarReader(tar))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                entries.Add(entry);
            }
        }

        Assert.Equal(["app/", "app/bin/", "app/bin/run", "app/data.txt", "app/link"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal(LayerWriter.FixedTime, e.ModificationTime));
        Assert.All(entries, e => Assert.Equal(1000, e.Uid));
        Assert.Equal("data.txt", entries.Single(e => e.Name == "app/link").LinkName);
        Assert.Equal((UnixFileMode)0b111_101_101, entries.Single(e => e.Name == "app/bin/run").Mode);
    }

    private static LayerContents Plan(string source)
    {
        var plan = new LayerContents();
        plan.AddSymlink("app/link", "data.txt", 1000, 1000);
        plan.AddFile("app/data.txt", source, LayerEntry.ReadableMode, 1000, 1000);
        plan.AddContent("app/bin/run", "#!/bin/sh\n"u8.ToArray(), LayerEntry.ExecutableMode, 1000, 1000);
        plan.AddDirectory("app/bin", LayerEntry.DirectoryMode, 1000, 1000);
        plan.AddDirectory("app", LayerEntry.DirectoryMode, 1000, 1000);
        return plan;
    }
}
