using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// PackageUploads receives an app archive as a stream of chunks and stores it under
/// packages/ named by its sha256, hashing while writing. The size limit is checked against the
/// header before any byte is written and again while streaming, because the header may lie.
/// </summary>
internal sealed class PackageUploads
{
    private readonly SchedulerStore _store;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PackageUploads> _logger;
    private readonly string _directory;

    public PackageUploads(SchedulerStore store, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<PackageUploads> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _directory = Path.Combine(_options.ResolvedDataDirectory(), "packages");
    }

    public async Task<UploadReply> ReceiveAsync(IAsyncStreamReader<UploadChunk> chunks, CancellationToken cancellationToken)
    {
        await using var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        if (!await enumerator.MoveNextAsync() || enumerator.Current.PartCase != UploadChunk.PartOneofCase.Header)
        {
            throw new RpcException(StatusCode.InvalidArgument, "the first upload chunk must be the header (app and size)");
        }

        var header = enumerator.Current.Header;
        if (AppNames.Validate(header.App) is { } nameError)
        {
            throw new RpcException(StatusCode.InvalidArgument, nameError);
        }

        if (header.Size <= 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"upload header size must be the archive size in bytes (got {header.Size})");
        }

        if (header.Size > _options.MaxUploadBytes)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"package of {header.Size} bytes is larger than the limit of {_options.MaxUploadBytes} bytes (MiniPaas:MaxUploadBytes)");
        }

        Directory.CreateDirectory(_directory);
        var temporary = Path.Combine(_directory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            long received = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                while (await enumerator.MoveNextAsync())
                {
                    var chunk = enumerator.Current;
                    if (chunk.PartCase != UploadChunk.PartOneofCase.Data)
                    {
                        throw new RpcException(StatusCode.InvalidArgument, "only the first upload chunk may be a header");
                    }

                    received += chunk.Data.Length;
                    if (received > header.Size)
                    {
                        throw new RpcException(StatusCode.InvalidArgument,
                            $"upload sent more than the {header.Size} bytes its header announced");
                    }

                    hash.AppendData(chunk.Data.Span);
                    await file.WriteAsync(chunk.Data.Memory, cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            if (received != header.Size)
            {
                throw new RpcException(StatusCode.InvalidArgument, $"upload ended after {received} of the {header.Size} bytes its header announced");
            }

            var id = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
            var path = Path.Combine(_directory, id.Replace(':', '-') + ".tar");
            File.Move(temporary, path, overwrite: true);
            _store.Write(tx => tx.UpsertPackage(new PackageRecord { Id = id, App = header.App, Size = received, Path = path, CreatedAt = _time.GetUtcNow() }));
            SchedulerLog.PackageUploaded(_logger, id, header.App, received);
            return new UploadReply { PackageId = id, Size = received };
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
