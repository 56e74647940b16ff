using System.Collections.Concurrent;

namespace MiniPaas.Registry.Uploads;

/// <summary>The upload sessions touched since this process started, keyed by upload id.</summary>
internal sealed class UploadSessions
{
    private readonly ConcurrentDictionary<Guid, UploadSession> _open = new();

    public UploadSession GetOrOpen(Guid id, string repository, string dataPath)
    {
        if (_open.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var created = new UploadSession(id, repository, dataPath);
        if (_open.TryAdd(id, created))
        {
            return created;
        }

        created.Dispose();
        return _open[id];
    }

    /// <summary>Forgets a finished or cancelled session; call while holding its gate.</summary>
    public void Close(UploadSession session)
    {
        if (_open.TryRemove(new KeyValuePair<Guid, UploadSession>(session.Id, session)))
        {
            session.Dispose();
        }
    }
}
