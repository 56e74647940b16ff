using System.Text.Json;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformState is <c>$MINIPAAS_HOME/platform.json</c>: the processes <c>up</c> started, in start
/// order (so <c>down</c> stops them in reverse). It is rewritten after every start, so even an
/// <c>up</c> that failed half-way can be taken down.
/// </summary>
internal sealed class PlatformState
{
    /// <summary>The file name inside the home directory.</summary>
    public const string FileName = "platform.json";

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The started components, first started first.</summary>
    public List<ComponentRecord> Components { get; set; } = [];

    /// <summary>Reads the state in <paramref name="home"/>; empty when there is none.</summary>
    public static PlatformState Load(string home)
    {
        var path = Path.Combine(home, FileName);
        if (!File.Exists(path))
        {
            return new PlatformState();
        }

        try
        {
            return JsonSerializer.Deserialize<PlatformState>(File.ReadAllText(path), SerializerOptions) ?? new PlatformState();
        }
        catch (JsonException e)
        {
            throw new CliException($"{path}: is not valid JSON ({e.Message}); stop the processes listed in {Path.Combine(home, "pids")} by hand and delete it");
        }
    }

    /// <summary>The record of <paramref name="name"/>, if it was ever started from this home.</summary>
    public ComponentRecord? Find(string name) => Components.Find(c => c.Name == name);

    /// <summary>Records <paramref name="record"/>, replacing an older record of the same name in place.</summary>
    public void Record(ComponentRecord record)
    {
        var index = Components.FindIndex(c => c.Name == record.Name);
        if (index >= 0)
        {
            Components[index] = record;
        }
        else
        {
            Components.Add(record);
        }
    }

    /// <summary>Forgets <paramref name="name"/> (after it was stopped).</summary>
    public void Forget(string name) => Components.RemoveAll(c => c.Name == name);

    /// <summary>Writes the state to <paramref name="home"/>.</summary>
    public void Save(string home)
    {
        Directory.CreateDirectory(home);
        var path = Path.Combine(home, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, SerializerOptions));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
