using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MiniPaas.Staging.Layers;

/// <summary>OCI content digests (<c>sha256:</c> + 64 lowercase hex digits).</summary>
internal static partial class Digests
{
    public static string Format(ReadOnlySpan<byte> sha256) => "sha256:" + Convert.ToHexStringLower(sha256);

    public static string Of(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    public static bool IsValid(string digest) => Sha256Digest().IsMatch(digest);

    /// <summary>The hex part, used as a file name in the blob cache.</summary>
    public static string Hex(string digest) => IsValid(digest)
        ? digest["sha256:".Length..]
        : throw new ArgumentException($"'{digest}' is not a sha256 digest.", nameof(digest));

    /// <summary>Short form for log lines, like <c>sha256:4f2a9c1e0b3d</c>.</summary>
    public static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256Digest();
}
