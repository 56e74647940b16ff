using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>Builds tar uploads in memory, including the hostile entries a real client would never send.</summary>
internal sealed class TarBuilder
{
    private readonly MemoryStream _buffer = new();
    private readonly TarWriter _writer;

    public TarBuilder()
    {
        _writer = new TarWriter(_buffer, TarEntryFormat.Pax, leaveOpen: true);
    }

    public TarBuilder Directory(string name)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 });
        return this;
    }

    public TarBuilder File(string name, string content, bool executable = false) => File(name, Encoding.UTF8.GetBytes(content), executable);

    public TarBuilder File(string name, byte[] content, bool executable = false)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
            DataStream = new MemoryStream(content),
        });
        return this;
    }

    public TarBuilder Symlink(string name, string target)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        return this;
    }

    public TarBuilder HardLink(string name, string target)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });
        return this;
    }

    public TarBuilder Entry(TarEntryType type, string name)
    {
        _writer.WriteEntry(new PaxTarEntry(type, name));
        return this;
    }

    public byte[] ToTar()
    {
        _writer.Dispose();
        return _buffer.ToArray();
    }

    public byte[] ToTarGz()
    {
        var tar = ToTar();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return compressed.ToArray();
    }
}
