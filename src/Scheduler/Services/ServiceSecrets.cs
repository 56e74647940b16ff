using System.Security.Cryptography;
using System.Text;

namespace MiniPaas.Scheduler.Services;

/// <summary>
/// ServiceSecrets encrypts broker passwords, binding credentials and the service environment
/// before they reach the store (AES-256-GCM). The key lives next to the database in
/// <c>services.key</c> (mode 0600), so a copy of <c>scheduler.db</c> alone reveals no credential.
/// Each value is bound to its purpose (associated data), so a ciphertext moved to another row or
/// column does not decrypt.
/// </summary>
internal sealed class ServiceSecrets
{
    public const string KeyFileName = "services.key";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    private readonly byte[] _key;

    private ServiceSecrets(byte[] key)
    {
        _key = key;
    }

    /// <summary>Loads the key from <paramref name="dataDirectory"/>, creating it (0600) on first use.</summary>
    public static ServiceSecrets Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(KeySize);
            try
            {
                // CreateNew with the mode set at creation: the key is never readable by others, not even briefly.
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, create);
                stream.Write(fresh);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != KeySize)
        {
            throw new InvalidOperationException($"{path} must hold a {KeySize}-byte key but has {key.Length} bytes; restore it from a backup (without it stored credentials cannot be read)");
        }

        return new ServiceSecrets(key);
    }

    /// <summary>nonce ‖ tag ‖ ciphertext of <paramref name="plaintext"/>, bound to <paramref name="purpose"/>.</summary>
    public byte[] Encrypt(string plaintext, string purpose)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBox = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBox.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, data, sealedBox.AsSpan(NonceSize + TagSize), sealedBox.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return sealedBox;
    }

    /// <summary>The plaintext of a value from <see cref="Encrypt"/> with the same purpose.</summary>
    public string Decrypt(byte[] sealedBox, string purpose)
    {
        if (sealedBox.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"encrypted value for {purpose} is truncated ({sealedBox.Length} bytes)");
        }

        var plain = new byte[sealedBox.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBox.AsSpan(0, NonceSize), sealedBox.AsSpan(NonceSize + TagSize), sealedBox.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }
}
