using System.Security.Cryptography;

namespace MiniPaas.Broker.Store;

/// <summary>Passwords made of letters and digits only, so they need no escaping in URIs, SQL literals or ACL rules.</summary>
internal static class RandomSecret
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A password of <paramref name="length"/> characters (32 characters carry about 190 bits).</summary>
    public static string Create(int length = 32) => RandomNumberGenerator.GetString(Alphabet, length);
}
