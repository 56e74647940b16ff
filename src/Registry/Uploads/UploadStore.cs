using System.Text.Json;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Uploads;

/// <summary>
/// Upload sessions on disk: <c>uploads/&lt;uuid&gt;/data</c> holds the bytes received so far and
/// <c>state.json</c> marks the session as real. The state file is written last, so a directory without one
/// is debris from a crash during creation.
/// </summary>
internal sealed class UploadStore(RegistryPaths paths, TimeProvider timeProvider)
{
    public const string StateFileName = "state.json";
    public const string DataFileName = "data";

    public async Task<Guid> CreateAsync(string repository, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var directory = paths.UploadDirectory(id);
        Directory.CreateDirectory(directory);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, DataFileName), [], cancellationToken);

            var state = new UploadState(repository, timeProvider.GetUtcNow());
            var json = JsonSerializer.SerializeToUtf8Bytes(state, RegistryJsonContext.Default.UploadState);
            await AtomicFile.WriteAsync(Path.Combine(directory, StateFileName), json, paths.NewTempPath(), cancellationToken);
            return id;
        }
        catch
        {
            // A client that went away mid-create must not leave a half session nobody can find.
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Returns the session's state, or null when it does not exist (never created, finished, cancelled).</summary>
    public UploadState? TryLoad(Guid id)
    {
        var directory = paths.UploadDirectory(id);
        var statePath = Path.Combine(directory, StateFileName);
        if (!File.Exists(statePath) || !File.Exists(Path.Combine(directory, DataFileName)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(statePath), RegistryJsonContext.Default.UploadState);
        }
        catch (FileNotFoundException)
        {
            // Finished or cancelled by a concurrent request between the check and the read.
            return null;
        }
    }

    public string DataPath(Guid id) => Path.Combine(paths.UploadDirectory(id), DataFileName);

    public void Delete(Guid id)
    {
        var directory = paths.UploadDirectory(id);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
