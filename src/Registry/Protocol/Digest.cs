using System.Diagnostics.CodeAnalysis;

namespace MiniPaas.Registry.Protocol;

/// <summary>A content digest. Only sha256 is supported: it is what every client pushes by default.</summary>
internal readonly record struct Digest
{
    public const string Sha256Prefix = "sha256:";
    private const int Sha256HexLength = 64;

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lowercase hex characters after "sha256:".</summary>
    public string Hex { get; }

    public static Digest FromSha256(ReadOnlySpan<byte> hash) => new(Convert.ToHexStringLower(hash));

    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest)
    {
        digest = default;
        if (value is null || !value.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = value.AsSpan(Sha256Prefix.Length);
        if (hex.Length != Sha256HexLength)
        {
            return false;
        }

        foreach (var c in hex)
        {
            // The spec's sha256 encoding is lowercase only; accepting uppercase would give one blob two names.
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        digest = new Digest(hex.ToString());
        return true;
    }

    /// <summary>Parses a digest or throws a DIGEST_INVALID registry error that quotes the bad value.</summary>
    public static Digest Parse(string? value, string what)
    {
        if (TryParse(value, out var digest))
        {
            return digest;
        }

        throw RegistryErrors.DigestInvalid(
            value is null
                ? $"{what} is missing"
                : $"{what} \"{value}\" is not a valid digest: expected sha256: followed by 64 lowercase hex characters");
    }

    public override string ToString() => Sha256Prefix + Hex;
}
