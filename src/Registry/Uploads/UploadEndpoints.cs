using System.Globalization;
using Microsoft.Extensions.Options;
using MiniPaas.Registry.Blobs;
using MiniPaas.Registry.Hosting;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Uploads;

/// <summary>
/// <c>POST /v2/&lt;name&gt;/blobs/uploads/</c> and <c>GET/PATCH/PUT/DELETE /v2/&lt;name&gt;/blobs/uploads/&lt;uuid&gt;</c>:
/// monolithic, chunked and streamed pushes plus cross-repository mounts.
/// </summary>
internal sealed class UploadEndpoints(
    UploadStore store,
    UploadSessions sessions,
    ContentStore content,
    RepositoryBlobLinks links,
    IOptions<RegistryOptions> options,
    ILogger<UploadEndpoints> logger)
{
    private long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task StartAsync(HttpContext context, string repository)
    {
        var query = context.Request.Query;
        var cancellationToken = context.RequestAborted;

        var mount = query["mount"].ToString();
        if (mount.Length > 0 && await TryMountAsync(context, repository, Digest.Parse(mount, "mount parameter"), query["from"].ToString()))
        {
            return;
        }

        // Parse before creating anything, so a bad digest leaves no session behind.
        var monolithicDigestText = query["digest"].ToString();
        Digest? monolithicDigest = monolithicDigestText.Length > 0 ? Digest.Parse(monolithicDigestText, "digest parameter") : null;

        var id = await store.CreateAsync(repository, cancellationToken);
        RegistryLog.UploadStarted(logger, repository, Format(id));
        var session = sessions.GetOrOpen(id, repository, store.DataPath(id));

        if (monolithicDigest is { } digest)
        {
            // Nobody else knows this new session, so the gate is free. Waiting on the request's token
            // would let a client that already died skip the cleanup below and leave an orphan.
            await session.Gate.WaitAsync(CancellationToken.None);
            try
            {
                await AppendBodyAsync(context, session, expectedRange: null);
                await FinishAsync(context, session, digest);
            }
            catch when (store.TryLoad(session.Id) is not null)
            {
                // The client never learned this session's location, so nobody could resume it: drop it.
                Discard(session);
                throw;
            }
            finally
            {
                session.Gate.Release();
            }

            return;
        }

        WriteProgress(context, session, StatusCodes.Status202Accepted, length: 0);
    }

    public async Task StatusAsync(HttpContext context, string repository, string uploadId)
    {
        var session = Open(repository, uploadId);
        await session.Gate.WaitAsync(context.RequestAborted);
        try
        {
            EnsureStillOpen(session);
            WriteProgress(context, session, StatusCodes.Status204NoContent, session.Length);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task PatchAsync(HttpContext context, string repository, string uploadId)
    {
        var session = Open(repository, uploadId);
        await session.Gate.WaitAsync(context.RequestAborted);
        try
        {
            EnsureStillOpen(session);
            await AppendBodyAsync(context, session, ReadContentRange(context, session));
            WriteProgress(context, session, StatusCodes.Status202Accepted, session.Length);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task CompleteAsync(HttpContext context, string repository, string uploadId)
    {
        var session = Open(repository, uploadId);
        var digest = Digest.Parse(NullIfEmpty(context.Request.Query["digest"].ToString()), "digest query parameter");
        await session.Gate.WaitAsync(context.RequestAborted);
        try
        {
            EnsureStillOpen(session);
            await AppendBodyAsync(context, session, ReadContentRange(context, session));
            await FinishAsync(context, session, digest);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task CancelAsync(HttpContext context, string repository, string uploadId)
    {
        var session = Open(repository, uploadId);
        await session.Gate.WaitAsync(context.RequestAborted);
        try
        {
            EnsureStillOpen(session);
            Discard(session);
            RegistryLog.UploadCancelled(logger, repository, Format(session.Id));
            RegistryResponses.WriteEmpty(context.Response, StatusCodes.Status204NoContent);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<bool> TryMountAsync(HttpContext context, string repository, Digest digest, string from)
    {
        // When the source is unknown or lacks the blob the spec says to fall back to a normal upload session.
        if (!RepositoryName.IsValid(from) || links.TryGetSize(from, digest) is null)
        {
            return false;
        }

        await links.LinkAsync(repository, digest, context.RequestAborted);
        RegistryLog.BlobMounted(logger, repository, from, digest.ToString());
        WriteBlobCreated(context, repository, digest);
        return true;
    }

    private UploadSession Open(string repository, string uploadId)
    {
        if (!Guid.TryParseExact(uploadId, "N", out var id) || store.TryLoad(id) is not { } state || state.Repository != repository)
        {
            throw RegistryErrors.UploadUnknown(repository, uploadId);
        }

        return sessions.GetOrOpen(id, state.Repository, store.DataPath(id));
    }

    /// <summary>A request that waited on the gate may find the upload finished or cancelled by the one before it.</summary>
    private void EnsureStillOpen(UploadSession session)
    {
        if (store.TryLoad(session.Id) is null)
        {
            sessions.Close(session);
            throw RegistryErrors.UploadUnknown(session.Repository, Format(session.Id));
        }
    }

    private static ContentRange? ReadContentRange(HttpContext context, UploadSession session)
    {
        var header = context.Request.Headers.ContentRange.ToString();
        if (header.Length == 0)
        {
            return null;
        }

        if (!ContentRange.TryParse(header, out var range))
        {
            throw RangeNotSatisfiable(context, session, $"Content-Range \"{header}\" is not of the form <start>-<end>");
        }

        return range;
    }

    private async Task AppendBodyAsync(HttpContext context, UploadSession session, ContentRange? expectedRange)
    {
        var cancellationToken = context.RequestAborted;
        var rehashed = await session.CatchUpAsync(cancellationToken);
        if (rehashed > 0)
        {
            RegistryLog.UploadRehashed(logger, Format(session.Id), rehashed);
        }

        var current = session.Length;
        var declaredLength = context.Request.ContentLength;
        if (expectedRange is { } range)
        {
            if (range.Start != current)
            {
                throw RangeNotSatisfiable(context, session, $"chunk starts at byte {range.Start} but the upload has {current} bytes; send the chunk starting at {current}");
            }

            if (declaredLength is { } length && length != range.Length)
            {
                throw RangeNotSatisfiable(context, session, $"Content-Range {range.Start}-{range.End} covers {range.Length} bytes but Content-Length is {length}");
            }
        }

        // Refuse up front when the size is declared, so an oversized body is never read at all.
        if (declaredLength is { } declared && current + declared > MaxUploadBytes)
        {
            throw RejectTooLarge(session);
        }

        var result = await session.AppendAsync(context.Request.Body, MaxUploadBytes, cancellationToken);
        if (result.LimitExceeded)
        {
            throw RejectTooLarge(session);
        }

        RegistryLog.UploadChunkAppended(logger, session.Repository, Format(session.Id), result.AppendedBytes, session.Length);
    }

    private async Task FinishAsync(HttpContext context, UploadSession session, Digest expected)
    {
        var actual = session.CurrentDigest();
        var size = session.Length;
        if (actual != expected)
        {
            Discard(session);
            RegistryLog.UploadDigestMismatch(logger, session.Repository, Format(session.Id), expected.ToString(), actual.ToString());
            throw RegistryErrors.DigestInvalid(
                $"uploaded content ({size} bytes) has digest {actual}, not the {expected} the client declared; the upload was discarded",
                new Dictionary<string, string> { ["expected"] = expected.ToString(), ["actual"] = actual.ToString() });
        }

        content.Commit(session.DataPath, expected);
        await links.LinkAsync(session.Repository, expected, context.RequestAborted);
        Discard(session);
        RegistryLog.BlobCommitted(logger, session.Repository, expected.ToString(), size);
        WriteBlobCreated(context, session.Repository, expected);
    }

    private RegistryException RejectTooLarge(UploadSession session)
    {
        Discard(session);
        RegistryLog.UploadTooLarge(logger, session.Repository, Format(session.Id), MaxUploadBytes);
        return RegistryErrors.TooLarge($"blob upload {Format(session.Id)}", MaxUploadBytes, "Registry:MaxUploadBytes");
    }

    private void Discard(UploadSession session)
    {
        store.Delete(session.Id);
        sessions.Close(session);
    }

    private static RegistryException RangeNotSatisfiable(HttpContext context, UploadSession session, string message) =>
        new(StatusCodes.Status416RangeNotSatisfiable, RegistryErrorCode.BlobUploadInvalid, message)
        {
            // The client resumes from these, as after GET on the upload.
            Headers = new Dictionary<string, string>
            {
                ["Location"] = UploadLocation(context, session),
                ["Range"] = RangeHeader(session.Length),
                [RegistryHeaders.UploadUuid] = Format(session.Id),
            },
        };

    private static void WriteProgress(HttpContext context, UploadSession session, int statusCode, long length)
    {
        var headers = context.Response.Headers;
        headers.Location = UploadLocation(context, session);
        headers.Range = RangeHeader(length);
        headers[RegistryHeaders.UploadUuid] = Format(session.Id);
        RegistryResponses.WriteEmpty(context.Response, statusCode);
    }

    private static void WriteBlobCreated(HttpContext context, string repository, Digest digest)
    {
        var headers = context.Response.Headers;
        headers.Location = $"{context.Request.PathBase}/v2/{repository}/blobs/{digest}";
        headers[RegistryHeaders.ContentDigest] = digest.ToString();
        RegistryResponses.WriteEmpty(context.Response, StatusCodes.Status201Created);
    }

    private static string UploadLocation(HttpContext context, UploadSession session) =>
        $"{context.Request.PathBase}/v2/{session.Repository}/blobs/uploads/{Format(session.Id)}";

    // Inclusive end offset of the bytes received; the reference implementation reports an empty upload as 0-0.
    private static string RangeHeader(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"0-{Math.Max(0, length - 1)}");

    private static string Format(Guid id) => id.ToString("N");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
