using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// SchedulerTokens holds the admin and node tokens (from settings or token files) and compares
/// presented tokens in constant time, so response timing does not reveal a token's prefix.
/// </summary>
internal sealed class SchedulerTokens
{
    private readonly byte[] _adminHash;
    private readonly byte[] _nodeHash;

    public SchedulerTokens(IOptions<SchedulerOptions> options)
    {
        var o = options.Value;
        var admin = Resolve(o.AdminToken, o.AdminTokenFile, nameof(SchedulerOptions.AdminToken));
        var node = Resolve(o.NodeToken, o.NodeTokenFile, nameof(SchedulerOptions.NodeToken));
        _adminHash = Hash(admin);
        _nodeHash = Hash(node.Length > 0 ? node : admin);
    }

    public bool IsAdmin(string presented) => CryptographicOperations.FixedTimeEquals(Hash(presented), _adminHash);

    public bool IsNode(string presented) => CryptographicOperations.FixedTimeEquals(Hash(presented), _nodeHash);

    // Hashing first gives both sides the same length, so the comparison time does not depend on the presented length.
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Resolve(string value, string file, string setting)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            return "";
        }

        var token = File.ReadAllText(file).Trim();
        if (token.Length == 0)
        {
            throw new InvalidOperationException($"{SchedulerOptions.SectionName}:{setting}File '{file}' is empty");
        }

        return token;
    }
}
