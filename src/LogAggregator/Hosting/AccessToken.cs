using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MiniPaas.LogAggregator.Hosting;

/// <summary>AccessToken is the one token callers present; compared in constant time.</summary>
internal sealed class AccessToken
{
    private readonly byte[] _expected;

    public AccessToken(IOptions<LogAggregatorOptions> options)
    {
        var value = options.Value.Token;
        if (string.IsNullOrEmpty(value) && !string.IsNullOrEmpty(options.Value.TokenFile))
        {
            value = File.ReadAllText(options.Value.TokenFile).Trim();
        }

        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException($"{LogAggregatorOptions.SectionName}:Token (or TokenFile) must be set: every caller must present it");
        }

        _expected = Encoding.UTF8.GetBytes(value);
    }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
}
