using System.Diagnostics;
using System.Formats.Tar;
using MiniPaas.Cli.Packaging;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Packaging;

public sealed class AppPackagerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Pack_NestedDirectory_WritesRelativePathsInOrdinalOrder()
    {
        _directory.Write("app/index.html", "<h1>hi</h1>");
        _directory.Write("app/cgi-bin/health", "#!/bin/sh\necho ok\n");
        _directory.Write("app/Procfile", "web: httpd");

        var (entries, summary) = PackAndRead("app");

        Assert.Equal(["Procfile", "cgi-bin/", "cgi-bin/health", "index.html"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.False(e.Name.StartsWith('/') || e.Name.Contains("..", StringComparison.Ordinal)));
        Assert.Equal("<h1>hi</h1>", entries.Single(e => e.Name == "index.html").Content);
        Assert.Equal(3, summary.Files);
        Assert.Equal(1, summary.Directories);
        Assert.True(summary.ArchiveBytes > 0);
    }

    [Fact]
    public void Pack_ExecutableScript_KeepsItsModeAndDropsOwners()
    {
        var script = _directory.Write("app/start.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);

        var (entries, _) = PackAndRead("app");

        var entry = Assert.Single(entries);
        Assert.Equal((UnixFileMode)0b111_101_101, entry.Mode);
        Assert.Equal(0, entry.Uid);
        Assert.Equal(0, entry.Gid);
    }

    [Fact]
    public void Pack_GitDirectory_IsLeftOut()
    {
        _directory.Write("app/.git/HEAD", "ref: refs/heads/main");
        _directory.Write("app/lib/.git", "gitdir: ../.git/modules/lib");
        _directory.Write("app/lib/code.sh", "echo");
        _directory.Write("app/.gitignore", "bin/");

        var (entries, _) = PackAndRead("app");

        Assert.Equal([".gitignore", "lib/", "lib/code.sh"], entries.Select(e => e.Name));
    }

    [Fact]
    public void Pack_ExcludePatterns_LeaveMatchingFilesOut()
    {
        _directory.Write("app/keep.txt", "1");
        _directory.Write("app/debug.log", "2");
        _directory.Write("app/sub/trace.log", "3");
        _directory.Write("app/tmp/cache", "4");
        _directory.Write("app/docs/tmp", "5");
        _directory.Write("app/bin/Debug/a.dll", "6");

        var (entries, _) = PackAndRead("app", ["*.log", "tmp/", "/bin/Debug/**"]);

        Assert.Equal(["bin/", "bin/Debug/", "docs/", "docs/tmp", "keep.txt", "sub/"], entries.Select(e => e.Name));
    }

    [Fact]
    public void Pack_SymlinkInsideTheDirectory_IsKeptAsARelativeLink()
    {
        _directory.Write("app/public/index.html", "hi");
        Directory.CreateDirectory(_directory.Combine("app/www"));
        File.CreateSymbolicLink(_directory.Combine("app/www/relative"), "../public/index.html");
        File.CreateSymbolicLink(_directory.Combine("app/www/absolute"), _directory.Combine("app/public"));
        File.CreateSymbolicLink(_directory.Combine("app/dangling"), "not-yet-there");

        var (entries, summary) = PackAndRead("app");

        Assert.Equal("../public/index.html", entries.Single(e => e.Name == "www/relative").LinkName);
        Assert.Equal("../public", entries.Single(e => e.Name == "www/absolute").LinkName);
        Assert.Equal("not-yet-there", entries.Single(e => e.Name == "dangling").LinkName);
        Assert.All(entries.Where(e => e.LinkName.Length > 0), e => Assert.Equal(TarEntryType.SymbolicLink, e.Type));
        Assert.Equal(3, summary.Symlinks);
    }

    [Theory]
    [InlineData("../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("../..")]
    public void Pack_SymlinkEscapingTheDirectory_IsRefusedNamingTheLink(string target)
    {
        _directory.Write("outside.txt", "secret");
        _directory.Write("app/ok.txt", "ok");
        Directory.CreateDirectory(_directory.Combine("app/data"));
        File.CreateSymbolicLink(_directory.Combine("app/data/link"), target);

        var error = Assert.Throws<PackagingException>(() => PackAndRead("app"));

        Assert.StartsWith($"symlink data/link -> {target} points outside the app directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ExcludedEscapingSymlink_IsNotAnError()
    {
        _directory.Write("app/ok.txt", "ok");
        File.CreateSymbolicLink(_directory.Combine("app/host-etc"), "/etc");

        var (entries, _) = PackAndRead("app", ["host-etc"]);

        Assert.Equal(["ok.txt"], entries.Select(e => e.Name));
    }

    [Fact]
    public void Pack_Fifo_IsSkippedAndReported()
    {
        _directory.Write("app/ok.txt", "ok");
        using (var mkfifo = Process.Start("mkfifo", [_directory.Combine("app/pipe")]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var (entries, summary) = PackAndRead("app");

        Assert.Equal(["ok.txt"], entries.Select(e => e.Name));
        Assert.Equal(["pipe"], summary.Skipped);
    }

    [Fact]
    public void Pack_SameDirectoryTwice_GivesIdenticalBytes()
    {
        _directory.Write("app/b.txt", "b");
        _directory.Write("app/a/c.txt", "c");

        using var first = new MemoryStream();
        using var second = new MemoryStream();
        AppPackager.Pack(_directory.Combine("app"), [], first);
        AppPackager.Pack(_directory.Combine("app"), [], second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Pack_MissingDirectory_NamesIt()
    {
        var error = Assert.Throws<PackagingException>(() => AppPackager.Pack(_directory.Combine("none"), [], Stream.Null));

        Assert.Equal($"app directory {_directory.Combine("none")} does not exist", error.Message);
    }

    [Fact]
    public void PackToTemporaryFile_Dispose_DeletesTheArchive()
    {
        _directory.Write("app/a.txt", "a");

        var (archive, summary) = AppPackager.PackToTemporaryFile(_directory.Combine("app"), []);
        var path = archive.Name;
        Assert.True(File.Exists(path));
        Assert.Equal(0, archive.Position);
        Assert.Equal(summary.ArchiveBytes, archive.Length);
        archive.Dispose();

        Assert.False(File.Exists(path));
    }

    private (IReadOnlyList<PackedEntry> Entries, PackingSummary Summary) PackAndRead(string relative, IReadOnlyList<string>? exclude = null)
    {
        using var buffer = new MemoryStream();
        var summary = AppPackager.Pack(_directory.Combine(relative), exclude ?? [], buffer);
        buffer.Position = 0;
        var entries = new List<PackedEntry>();
        using var reader = new TarReader(buffer);
        while (reader.GetNextEntry() is { } entry)
        {
            var content = entry.DataStream is null ? "" : new StreamReader(entry.DataStream).ReadToEnd();
            entries.Add(new PackedEntry(entry.Name, entry.EntryType, entry.LinkName ?? "", entry.Mode, entry.Uid, entry.Gid, content));
        }

        return (entries, summary);
    }

    public void Dispose() => _directory.Dispose();

    private sealed record PackedEntry(string Name, TarEntryType Type, string LinkName, UnixFileMode Mode, int Uid, int Gid, string Content);
}
