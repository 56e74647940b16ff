using System.Security.Cryptography;
using MiniPaas.Cli.Connection;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformSecrets makes sure config.json holds the three tokens (admin for the CLI, node for the
/// agents, registry for image pushes and pulls): generated once from a cryptographic RNG, then reused
/// so restarting the platform does not lock out agents or scripts holding the old ones.
/// </summary>
internal static class PlatformSecrets
{
    /// <summary>Fills any missing token of <paramref name="config"/>; true when one was generated.</summary>
    public static bool EnsureTokens(PlatformConfig config)
    {
        var generated = false;
        config.AdminToken = Keep(config.AdminToken, ref generated);
        config.NodeToken = Keep(config.NodeToken, ref generated);
        config.RegistryToken = Keep(config.RegistryToken, ref generated);
        return generated;
    }

    /// <summary>A new token: 32 random bytes as 64 lowercase hex digits (safe in headers, URLs and Basic auth).</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string Keep(string? existing, ref bool generated)
    {
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return existing;
        }

        generated = true;
        return NewToken();
    }
}
