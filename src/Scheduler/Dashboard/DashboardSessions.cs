using System.Security.Cryptography;
using System.Text;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardSessions holds the sessions created by a login link (the value of the HttpOnly
/// cookie). Sessions live in memory: a scheduler restart logs every browser out, and
/// <c>minipaas dashboard</c> prints a new link.
/// </summary>
internal sealed class DashboardSessions
{
    /// <summary>Session lifetime, renewed by use.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(12);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiryByHash = new(StringComparer.Ordinal);

    public DashboardSessions(TimeProvider time)
    {
        _time = time;
    }

    public string Create()
    {
        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var expired in _expiryByHash.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                _expiryByHash.Remove(expired);
            }

            _expiryByHash[Hash(session)] = now + IdleLifetime;
        }

        return session;
    }

    /// <summary>True for a live session; extends it.</summary>
    public bool IsValid(string session)
    {
        var hash = Hash(session);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_expiryByHash.TryGetValue(hash, out var expiresAt) || expiresAt <= now)
            {
                _expiryByHash.Remove(hash);
                return false;
            }

            _expiryByHash[hash] = now + IdleLifetime;
            return true;
        }
    }

    private static string Hash(string session) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(session)));
}
