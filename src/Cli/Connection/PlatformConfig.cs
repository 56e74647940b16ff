using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Connection;

/// <summary>
/// PlatformConfig is <c>$MINIPAAS_HOME/config.json</c>, written by <c>up</c>: where the platform
/// listens and the tokens it was started with. It holds secrets, so it is written mode 0600.
/// </summary>
internal sealed class PlatformConfig
{
    /// <summary>The file name inside the home directory.</summary>
    public const string FileName = "config.json";

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The controller's gRPC address, e.g. <c>http://127.0.0.1:7070</c>.</summary>
    public string? Api { get; set; }

    /// <summary>Bearer token for the Controller API (the CLI's token).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Bearer token agents present to NodeControl.</summary>
    public string? NodeToken { get; set; }

    /// <summary>Token for the registry (the scheduler pushes, agents pull).</summary>
    public string? RegistryToken { get; set; }

    /// <summary>The registry's address, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public string? Registry { get; set; }

    /// <summary>The router's address when one runs, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public string? Router { get; set; }

    /// <summary>The scheduler's web dashboard, e.g. <c>http://127.0.0.1:7071</c>.</summary>
    public string? Dashboard { get; set; }

    /// <summary>Reads the config in <paramref name="home"/>; null when the file does not exist.</summary>
    public static PlatformConfig? Load(string home)
    {
        var path = Path.Combine(home, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PlatformConfig>(File.ReadAllText(path), SerializerOptions)
                ?? throw new CliException($"{path}: is empty; run `minipaas up` to rewrite it");
        }
        catch (JsonException e)
        {
            throw new CliException($"{path}: is not valid JSON ({e.Message}); run `minipaas up` to rewrite it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>Writes the config to <paramref name="home"/>, readable and writable by the owner only.</summary>
    public void Save(string home)
    {
        Directory.CreateDirectory(home);
        var path = Path.Combine(home, FileName);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, SerializerOptions);
        }

        // Create mode only applies to new files; a leftover temp file keeps whatever mode it had.
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
