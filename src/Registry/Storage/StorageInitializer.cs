using MiniPaas.Registry.Hosting;

namespace MiniPaas.Registry.Storage;

/// <summary>
/// Prepares the data directory when the host starts: creates the layout and removes debris a crash can leave
/// (temp files of interrupted atomic writes, upload directories whose state file was never written).
/// Complete uploads are kept: they are resumable across restarts.
/// </summary>
internal sealed class StorageInitializer(RegistryPaths paths, ILogger<StorageInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.BlobsRoot);
        Directory.CreateDirectory(paths.UploadsRoot);
        Directory.CreateDirectory(paths.RepositoriesRoot);
        Directory.CreateDirectory(paths.TempRoot);

        foreach (var leftover in Directory.EnumerateFiles(paths.TempRoot))
        {
            File.Delete(leftover);
            RegistryLog.LeftoverRemoved(logger, leftover);
        }

        foreach (var upload in Directory.EnumerateDirectories(paths.UploadsRoot))
        {
            if (!File.Exists(Path.Combine(upload, Uploads.UploadStore.StateFileName)))
            {
                Directory.Delete(upload, recursive: true);
                RegistryLog.LeftoverRemoved(logger, upload);
            }
        }

        RegistryLog.StorageReady(logger, paths.Root);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
