namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>
/// A fresh directory under /tmp for one broker. /tmp and the directory are searchable by everyone, so the
/// PostgreSQL cluster's OS user can reach its own subdirectory, as in a real deployment under /var/lib.
/// </summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", $"minipaas-broker-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
