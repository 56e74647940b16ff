using System.Buffers;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Query;

namespace MiniPaas.LogAggregator.Store;

/// <summary>
/// AppLog is the append-only log of one app: a directory of segment files, the newest of which
/// takes appends. Appends are serialized by one lock; each batch is written and flushed to the OS
/// (fsynced when configured) before the lines are handed to subscribers and the call returns.
/// Sealed segments are never written again, so a crash can only tear the newest one, which
/// <see cref="Open"/> repairs by cutting the torn tail (a copy of the cut bytes is kept).
/// </summary>
internal sealed class AppLog : IDisposable
{
    private readonly object _gate = new();
    private readonly string _directory;
    private readonly StoreSettings _settings;
    private readonly List<SegmentInfo> _segments;
    private readonly ArrayBufferWriter<byte> _pending = new(64 * 1024);
    private FileStream? _writer;
    private ulong _lastSequence;
    private LineSubscription[] _subscribers = [];
    private bool _disposed;

    // True when the newest indexed segment must not take appends (it is damaged, or a newer file was set aside).
    private bool _startFreshSegment;

    private AppLog(string name, string directory, StoreSettings settings, List<SegmentInfo> segments, ulong lastSequence, bool startFreshSegment)
    {
        Name = name;
        _directory = directory;
        _settings = settings;
        _segments = segments;
        _lastSequence = lastSequence;
        _startFreshSegment = startFreshSegment;
    }

    public string Name { get; }

    public ulong LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    /// <summary>Bytes on disk over all segments.</summary>
    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                return _segments.Sum(s => s.Length);
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the log in <paramref name="directory"/>: indexes every segment, cuts a torn
    /// or corrupt tail off the newest one, and leaves damaged older ones untouched (read up to the damage).
    /// </summary>
    public static AppLog Open(string name, string directory, StoreSettings settings, out RecoveryReport report)
    {
        Directory.CreateDirectory(directory);
        var files = Directory.EnumerateFiles(directory, "*" + SegmentFormat.Extension)
            .Select(path => (Path: path, Ok: SegmentFormat.TryParseFileName(path, out var first), First: first))
            .Where(f => f.Ok)
            .OrderBy(f => f.First)
            .ToList();
        var problems = new List<string>();
        var segments = new List<SegmentInfo>(files.Count);
        long tornBytes = 0;
        string? tornCopy = null;
        ulong lastSequence = 0;
        var startFresh = false;
        for (var i = 0; i < files.Count; i++)
        {
            var isNewest = i == files.Count - 1;
            var info = new SegmentInfo(files[i].Path, files[i].First) { LastSequence = files[i].First - 1 };
            if (files[i].First <= lastSequence)
            {
                problems.Add($"{Path.GetFileName(info.Path)} starts at sequence {files[i].First}, not after {lastSequence}: set aside as {SetAside(info.Path)}");
                startFresh = true;
                continue;
            }

            var fileLength = new FileInfo(info.Path).Length;
            if (!HasValidHeader(info.Path))
            {
                if (isNewest && fileLength <= SegmentFormat.HeaderBytes)
                {
                    // Created but its header never fully reached the disk: it holds no record.
                    WriteHeader(info.Path, FileMode.Create);
                    segments.Add(info);
                    lastSequence = info.LastSequence;
                    continue;
                }

                problems.Add($"{Path.GetFileName(info.Path)} has no valid segment header: set aside as {SetAside(info.Path)}");
                startFresh = true;
                continue;
            }

            var stop = ScanInto(info, fileLength, out var problem);
            if (stop is SegmentReadStatus.Torn or SegmentReadStatus.Corrupt)
            {
                var damaged = fileLength - info.Length;
                if (isNewest)
                {
                    tornCopy = info.Path + ".torn-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    CopyTail(info.Path, info.Length, tornCopy);
                    using (var file = new FileStream(info.Path, FileMode.Open, FileAccess.Write, FileShare.Read))
                    {
                        file.SetLength(info.Length);
                        file.Flush(flushToDisk: true);
                    }

                    tornBytes = damaged;
                    problems.Add($"{Path.GetFileName(info.Path)}: {problem}; cut {damaged} bytes after sequence {info.LastSequence} (copy in {Path.GetFileName(tornCopy)})");
                }
                else
                {
                    info.Damaged = true;
                    startFresh = true;
                    problems.Add($"{Path.GetFileName(info.Path)} (sealed): {problem}; {damaged} bytes after sequence {info.LastSequence} are unreadable and left as they are");
                }
            }

            segments.Add(info);
            lastSequence = Math.Max(lastSequence, info.LastSequence);
            startFresh = info.Damaged;
        }

        report = new RecoveryReport(name, segments.Count, lastSequence, tornBytes, tornCopy, problems);
        return new AppLog(name, directory, settings, segments, lastSequence, startFresh);
    }

    /// <summary>
    /// Assigns sequence numbers to <paramref name="lines"/>, writes them, flushes, then offers them
    /// to subscribers. Throws <see cref="IOException"/> when the disk refuses the write; lines of
    /// the batch written before the failure stay stored.
    /// </summary>
    public void Append(IReadOnlyList<LogLine> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var active = EnsureWriter();
            _pending.ResetWrittenCount();
            var chunkStart = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                lines[i].Sequence = _lastSequence + 1 + (ulong)(i - chunkStart);
                RecordCodec.Encode(lines[i], _pending);
                if (active.Length + _pending.WrittenCount >= _settings.SegmentBytes)
                {
                    WriteChunk(active, lines, chunkStart, i + 1);
                    chunkStart = i + 1;
                    active = Roll();
                }
            }

            if (chunkStart < lines.Count)
            {
                WriteChunk(active, lines, chunkStart, lines.Count);
            }
        }
    }

    /// <summary>Copies of the segment index, oldest first, for readers.</summary>
    public IReadOnlyList<SegmentSnapshot> Snapshot()
    {
        lock (_gate)
        {
            return _segments.Select(s => s.Snapshot()).ToList();
        }
    }

    /// <summary>Starts delivering new lines to a subscription; <paramref name="lastSequence"/> is the newest line before it.</summary>
    public LineSubscription Subscribe(int capacity, LineFilter filter, out ulong lastSequence)
    {
        var subscription = new LineSubscription(capacity, filter);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscribers = [.. _subscribers, subscription];
            lastSequence = _lastSequence;
        }

        return subscription;
    }

    public void Unsubscribe(LineSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != subscription).ToArray();
        }

        subscription.Complete();
    }

    /// <summary>
    /// Deletes the oldest segments while the log is larger than the size limit, and segments whose
    /// newest line is older than <paramref name="cutoff"/>. The newest segment is sealed first when
    /// it is itself too old, so sequence numbering carries on in the empty segment that follows it.
    /// </summary>
    public int ApplyRetention(long maxBytes, DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            if (_disposed || _segments.Count == 0)
            {
                return 0;
            }

            var newest = _segments[^1];
            if (newest.RecordCount > 0 && newest.MaxTime < cutoff)
            {
                Roll();
            }

            var deleted = 0;
            var total = _segments.Sum(s => s.Length);
            while (_segments.Count > 1)
            {
                var oldest = _segments[0];
                var tooOld = oldest.RecordCount == 0 || oldest.MaxTime < cutoff;
                if (!tooOld && total <= maxBytes)
                {
                    break;
                }

                // Readers hold files open with FileShare.Delete, so a read in progress finishes on the unlinked file.
                File.Delete(oldest.Path);
                total -= oldest.Length;
                _segments.RemoveAt(0);
                deleted++;
            }

            return deleted;
        }
    }

    public void Dispose()
    {
        LineSubscription[] subscribers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            subscribers = _subscribers;
            _subscribers = [];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }
    }

    private static bool HasValidHeader(string path)
    {
        Span<byte> header = stackalloc byte[SegmentFormat.HeaderBytes];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && SegmentFormat.IsValidHeader(header);
    }

    /// <summary>Renames a file the log cannot use so nothing overwrites it; returns the new name.</summary>
    private static string SetAside(string path)
    {
        var aside = path + ".damaged-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        File.Move(path, aside);
        return Path.GetFileName(aside);
    }

    private static void WriteHeader(string path, FileMode mode)
    {
        Span<byte> header = stackalloc byte[SegmentFormat.HeaderBytes];
        SegmentFormat.WriteHeader(header);
        using var file = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
        file.Write(header);
        file.Flush(flushToDisk: true);
    }

    private static SegmentReadStatus ScanInto(SegmentInfo info, long fileLength, out string? problem)
    {
        using var reader = SegmentReader.Open(info.Path, fileLength);
        while (true)
        {
            var status = reader.Next(out var line);
            if (status != SegmentReadStatus.Record)
            {
                problem = reader.Problem;
                return status;
            }

            if (line!.Sequence != info.LastSequence + 1)
            {
                problem = $"record at offset {info.Length} has sequence {line.Sequence}, expected {info.LastSequence + 1}";
                return SegmentReadStatus.Corrupt;
            }

            info.Include(line.Sequence, line.Timestamp, reader.Position - info.Length);
        }
    }

    private static void CopyTail(string path, long from, string destination)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        source.Position = from;
        using var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        source.CopyTo(target);
        target.Flush(flushToDisk: true);
    }

    private SegmentInfo EnsureWriter()
    {
        if (_segments.Count == 0 || _startFreshSegment)
        {
            _startFreshSegment = false;
            return Roll();
        }

        var active = _segments[^1];
        if (_writer is null)
        {
            _writer = new FileStream(active.Path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Write,
                Share = FileShare.Read | FileShare.Delete,

                // Batches are written in one call each; a FileStream buffer would only copy them again.
                BufferSize = 0,
            });
            _writer.Position = active.Length;
        }

        return active;
    }

    /// <summary>Seals the newest segment and starts an empty one at the next sequence number.</summary>
    private SegmentInfo Roll()
    {
        _writer?.Dispose();
        _writer = null;
        var path = Path.Combine(_directory, SegmentFormat.FileName(_lastSequence + 1));

        // CreateNew: an existing file of that name is somebody's data and must not be overwritten.
        WriteHeader(path, FileMode.CreateNew);
        var info = new SegmentInfo(path, _lastSequence + 1) { LastSequence = _lastSequence };
        _segments.Add(info);
        RetainBySizeAfterRoll();
        return EnsureWriter();
    }

    private void RetainBySizeAfterRoll()
    {
        var total = _segments.Sum(s => s.Length);
        while (_segments.Count > 1 && total > _settings.RetentionBytesPerApp)
        {
            File.Delete(_segments[0].Path);
            total -= _segments[0].Length;
            _segments.RemoveAt(0);
        }
    }

    /// <summary>Writes the encoded records of lines [from, to) and makes them visible.</summary>
    private void WriteChunk(SegmentInfo active, IReadOnlyList<LogLine> lines, int from, int to)
    {
        var start = active.Length;
        try
        {
            _writer!.Write(_pending.WrittenSpan);
            _writer.Flush(flushToDisk: _settings.FsyncOnAppend);
        }
        catch (IOException)
        {
            // Leave no half-written record behind for the next append to build on; if even that
            // fails, reopening the file finds and cuts the torn tail.
            try
            {
                _writer!.SetLength(start);
                _writer.Position = start;
            }
            catch (IOException)
            {
                _writer?.Dispose();
                _writer = null;
            }

            throw;
        }
        finally
        {
            _pending.ResetWrittenCount();
        }

        for (var i = from; i < to; i++)
        {
            active.Include(lines[i].Sequence, lines[i].Timestamp, recordBytes: 0);
        }

        active.Length = _writer.Position;
        _lastSequence = lines[to - 1].Sequence;
        foreach (var subscriber in _subscribers)
        {
            for (var i = from; i < to; i++)
            {
                subscriber.Offer(lines[i]);
            }
        }
    }
}
