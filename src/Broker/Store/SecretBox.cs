using System.Security.Cryptography;
using System.Text;

namespace MiniPaas.Broker.Store;

/// <summary>
/// Encrypts secrets kept in the store (binding credentials, the servers' admin passwords) with AES-256-GCM under
/// a key file readable only by the broker's user. The associated data ties each ciphertext to its row, so a
/// ciphertext copied to another row does not decrypt.
/// </summary>
internal sealed class SecretBox
{
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const byte FormatVersion = 1;

    private readonly byte[] _key;

    private SecretBox(byte[] key) => _key = key;

    /// <summary>Loads the key at <paramref name="keyPath"/>, creating it (mode 0600) when missing.</summary>
    public static SecretBox LoadOrCreate(string keyPath)
    {
        if (!File.Exists(keyPath))
        {
            var fresh = RandomNumberGenerator.GetBytes(KeySize);
            var temp = keyPath + ".tmp";
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                stream.Write(fresh);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, keyPath, overwrite: false);
        }

        // A key that others can read protects nothing; tighten rather than refuse, since only the mode is wrong.
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var key = File.ReadAllBytes(keyPath);
        if (key.Length != KeySize)
        {
            throw new InvalidOperationException($"The broker's key file {keyPath} holds {key.Length} bytes; expected {KeySize}. Restore the original file: without it the stored credentials cannot be read.");
        }

        return new SecretBox(key);
    }

    public byte[] Seal(string plaintext, string associatedData)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedBytes[0] = FormatVersion;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        return sealedBytes;
    }

    public string Open(byte[] sealedBytes, string associatedData)
    {
        if (sealedBytes.Length < 1 + NonceSize + TagSize || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException($"Stored secret for {associatedData} is not in a format this broker writes.");
        }

        var plain = new byte[sealedBytes.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(1, NonceSize),
            sealedBytes.AsSpan(1 + NonceSize + TagSize),
            sealedBytes.AsSpan(1 + NonceSize, TagSize),
            plain,
            Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }
}
