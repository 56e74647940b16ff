using Google.Protobuf;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Router.Discovery;

/// <summary>
/// The last route table on disk, in protobuf's JSON form so operators can read it. Written to a temporary
/// file and renamed over the old one, so a crash mid-write never leaves a truncated table behind.
/// </summary>
internal sealed class RouteTableStateFile
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public RouteTableStateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    /// <summary>Reads the saved table; null when there is none. Throws when the file exists but cannot be parsed.</summary>
    public async Task<RouteTable?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var json = await File.ReadAllTextAsync(Path, cancellationToken);
        return Parser.Parse<RouteTable>(json);
    }

    public async Task SaveAsync(RouteTable table, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        await File.WriteAllTextAsync(temporary, Formatter.Format(table), cancellationToken);
        File.Move(temporary, Path, overwrite: true);
    }
}
