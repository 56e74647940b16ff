using System.Formats.Tar;
using System.IO.Compression;
using MiniPaas.Staging.Tests.Fixtures;

namespace MiniPaas.Staging.Tests.Archive;

public sealed class AppArchiveTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    private string Destination => _scratch.Combine("app");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task ExtractAsync_GoodArchive_ExtractsExactly()
    {
        var tar = new TarBuilder()
            .Directory("./")
            .Directory("./www/")
            .File("./start.sh", "#!/bin/sh\necho hi\n", executable: true)
            .File("./www/index.html", "<h1>hi</h1>")
            .File("deep/er/file.txt", "parents created implicitly")
            .Symlink("www/home.html", "index.html")
            .Symlink("deep/up", "../www")
            .HardLink("www/copy.html", "www/index.html")
            .ToTar();

        var summary = await new AppArchive().ExtractAsync(new MemoryStream(tar), Destination);

        Assert.Equal(8, summary.EntryCount);
        Assert.Equal(18 + 11 + 26 + 11, summary.ByteCount);
        Assert.Equal("#!/bin/sh\necho hi\n", await File.ReadAllTextAsync(Path.Combine(Destination, "start.sh")));
        Assert.Equal("<h1>hi</h1>", await File.ReadAllTextAsync(Path.Combine(Destination, "www", "index.html")));
        Assert.Equal("<h1>hi</h1>", await File.ReadAllTextAsync(Path.Combine(Destination, "www", "copy.html")));
        Assert.Null(new FileInfo(Path.Combine(Destination, "www", "copy.html")).LinkTarget);
        Assert.Equal("parents created implicitly", await File.ReadAllTextAsync(Path.Combine(Destination, "deep", "er", "file.txt")));
        Assert.Equal("index.html", new FileInfo(Path.Combine(Destination, "www", "home.html")).LinkTarget);
        Assert.Equal("../www", new FileInfo(Path.Combine(Destination, "deep", "up")).LinkTarget);
        Assert.True((File.GetUnixFileMode(Path.Combine(Destination, "start.sh")) & UnixFileMode.UserExecute) != 0);
        Assert.True((File.GetUnixFileMode(Path.Combine(Destination, "www", "index.html")) & UnixFileMode.UserExecute) == 0);
        var all = ListWithoutFollowingLinks(Destination).Order(StringComparer.Ordinal);
        Assert.Equal(["deep", "deep/er", "deep/er/file.txt", "deep/up", "start.sh", "www", "www/copy.html", "www/home.html", "www/index.html"], all);
    }

    [Fact]
    public async Task ExtractAsync_GzipArchive_IsDetectedAndExtracted()
    {
        var archive = new TarBuilder().File("Procfile", "web: ./start.sh\n").ToTarGz();

        var summary = await new AppArchive().ExtractAsync(new CountingReadStream(new MemoryStream(archive)), Destination);

        Assert.Equal(1, summary.EntryCount);
        Assert.Equal("web: ./start.sh\n", await File.ReadAllTextAsync(Path.Combine(Destination, "Procfile")));
    }

    [Fact]
    public async Task ExtractAsync_DotDotEntry_ThrowsNamingEntry()
    {
        var tar = new TarBuilder().File("ok.txt", "fine").File("www/../../evil.txt", "owned").ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'www/../../evil.txt'", error.Message);
        Assert.Contains("..", error.Message);
        Assert.False(File.Exists(_scratch.Combine("evil.txt")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_AbsolutePath_ThrowsNamingEntry()
    {
        var tar = new TarBuilder().File("/tmp/minipaas-absolute-evil.txt", "owned").ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'/tmp/minipaas-absolute-evil.txt'", error.Message);
        Assert.Contains("absolute", error.Message);
        Assert.False(File.Exists("/tmp/minipaas-absolute-evil.txt"));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("sub/../../../outside")]
    [InlineData("/etc/passwd")]
    public async Task ExtractAsync_SymlinkEscaping_ThrowsNamingEntry(string target)
    {
        var tar = new TarBuilder().Directory("www/").Symlink("www/link", target).ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'www/link'", error.Message);
        Assert.Contains("escapes", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_SymlinkEscapingThroughAnotherLink_ThrowsNamingEntry()
    {
        // "here/.." looks harmless lexically, but "here" is the app root, so it resolves to its parent.
        var tar = new TarBuilder().Symlink("here", ".").Symlink("up", "here/..").ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'up'", error.Message);
        Assert.Contains("escapes", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_EntryWrittenThroughSymlink_ThrowsNamingEntry()
    {
        var tar = new TarBuilder().Directory("real/").Symlink("alias", "real").File("alias/planted.txt", "x").ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'alias/planted.txt'", error.Message);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task ExtractAsync_HardlinkEscaping_ThrowsNamingEntry(string target)
    {
        var tar = new TarBuilder().File("ok.txt", "fine").HardLink("stolen", target).ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'stolen'", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_HardlinkToMissingFile_ThrowsNamingEntry()
    {
        var tar = new TarBuilder().HardLink("stolen", "never-extracted.txt").ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'stolen'", error.Message);
        Assert.Contains("not a file extracted earlier", error.Message);
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice, "device")]
    [InlineData(TarEntryType.BlockDevice, "device")]
    [InlineData(TarEntryType.Fifo, "FIFO")]
    public async Task ExtractAsync_DeviceOrFifo_ThrowsNamingEntry(TarEntryType type, string expected)
    {
        var tar = new TarBuilder().Entry(type, "dev/thing").ToTar();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'dev/thing'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task ExtractAsync_EntryPastByteLimit_ThrowsBeforeWritingIt()
    {
        var tar = new TarBuilder().File("a.bin", new byte[600]).File("b.bin", new byte[600]).ToTar();
        var archive = new AppArchive { MaxBytes = 1000 };

        var error = await Assert.ThrowsAsync<StagingException>(() => archive.ExtractAsync(new MemoryStream(tar), Destination));

        Assert.Contains("'b.bin'", error.Message);
        Assert.Contains("1000", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_GzipBombLargerThanLimit_StopsReadingAtTheHeader()
    {
        // 64 MiB of zeros compresses to ~64 KB; the header alone says it is too big.
        var bombPath = _scratch.Combine("bomb.tar.gz");
        await using (var file = File.Create(bombPath))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "huge.bin") { DataStream = new ZeroStream(64L * 1024 * 1024) });
        }

        var compressedSize = new FileInfo(bombPath).Length;
        await using var upload = new CountingReadStream(File.OpenRead(bombPath));
        var archive = new AppArchive { MaxBytes = 1024 * 1024 };

        var error = await Assert.ThrowsAsync<StagingException>(() => archive.ExtractAsync(upload, Destination));

        Assert.Contains("'huge.bin'", error.Message);
        Assert.False(File.Exists(Path.Combine(Destination, "huge.bin")));
        Assert.True(upload.BytesRead < compressedSize, $"read {upload.BytesRead} of {compressedSize} compressed bytes");
    }

    [Fact]
    public async Task ExtractAsync_TooManyEntries_ThrowsNamingFirstEntryOverLimit()
    {
        var builder = new TarBuilder();
        for (var i = 1; i <= 5; i++)
        {
            builder.File($"file{i}.txt", "x");
        }

        var archive = new AppArchive { MaxEntries = 3 };

        var error = await Assert.ThrowsAsync<StagingException>(() => archive.ExtractAsync(new MemoryStream(builder.ToTar()), Destination));

        Assert.Contains("'file4.txt'", error.Message);
        Assert.Contains("3", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public async Task ExtractAsync_NotAnArchive_ThrowsStagingException()
    {
        var garbage = Enumerable.Range(0, 2048).Select(i => (byte)(i * 7 % 251 + 1)).ToArray();

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(garbage), Destination));

        Assert.Contains("not a valid tar", error.Message);
    }

    [Fact]
    public async Task ExtractAsync_NonEmptyDestination_Throws()
    {
        Directory.CreateDirectory(Destination);
        await File.WriteAllTextAsync(Path.Combine(Destination, "existing"), "x");

        var error = await Assert.ThrowsAsync<StagingException>(() => new AppArchive().ExtractAsync(new MemoryStream(new TarBuilder().File("a", "b").ToTar()), Destination));

        Assert.Contains("not empty", error.Message);
    }

    private static IEnumerable<string> ListWithoutFollowingLinks(string root, string relative = "")
    {
        foreach (var info in new DirectoryInfo(Path.Combine(root, relative)).EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
            yield return path;
            if (info is DirectoryInfo && info.LinkTarget is null)
            {
                foreach (var child in ListWithoutFollowingLinks(root, path))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>A seekable stream of zeros that never allocates its length.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            Array.Clear(buffer, offset, n);
            Position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
