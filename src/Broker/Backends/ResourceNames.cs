using System.Security.Cryptography;
using System.Text;

namespace MiniPaas.Broker.Backends;

/// <summary>
/// Names of server-side objects, derived from instance and binding ids by hashing: the platform's ids never
/// reach SQL or ACL rules, names stay within PostgreSQL's 63-byte limit, and the same ids always give the same
/// names (so a re-run operation finds what an interrupted one created).
/// </summary>
internal static class ResourceNames
{
    public static string InstanceToken(string instanceId) => Hash($"instance/{instanceId}");

    public static string BindingToken(string instanceId, string bindingId) => Hash($"binding/{instanceId}/{bindingId}");

    // 96 bits of SHA-256: collisions would need about 2^48 instances.
    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
