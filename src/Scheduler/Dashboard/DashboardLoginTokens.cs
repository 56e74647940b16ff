using System.Security.Cryptography;
using System.Text;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardLoginTokens hands out one-time login tokens (as Jupyter's login link does): each is
/// good for one exchange within <see cref="Lifetime"/>. Only SHA-256 hashes are kept, so a memory
/// dump of the scheduler does not reveal a usable token.
/// </summary>
internal sealed class DashboardLoginTokens
{
    /// <summary>How long an unused login token stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiryByHash = new(StringComparer.Ordinal);

    public DashboardLoginTokens(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>A fresh token (64 hex digits) and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var expiresAt = _time.GetUtcNow() + Lifetime;
        lock (_gate)
        {
            Prune();
            _expiryByHash[Hash(token)] = expiresAt;
        }

        return (token, expiresAt);
    }

    /// <summary>True once for a token that was issued and has not expired; it is spent either way.</summary>
    public bool TryRedeem(string token)
    {
        var hash = Hash(token);
        lock (_gate)
        {
            Prune();
            return _expiryByHash.Remove(hash, out var expiresAt) && expiresAt > _time.GetUtcNow();
        }
    }

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _expiryByHash.Where(e => e.Value <= now).Select(e => e.Key).ToList())
        {
            _expiryByHash.Remove(expired);
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
