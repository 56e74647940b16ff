using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MiniPaas.Registry.Hosting;

namespace MiniPaas.Registry.Auth;

/// <summary>
/// Checks the shared token of <see cref="RegistryOptions.Token"/>. Basic (any user name, the token as
/// password) is what Docker and skopeo send after a Basic challenge; Bearer suits scripts and the control plane.
/// </summary>
internal sealed class TokenAuthenticator
{
    /// <summary>The challenge Docker's engine understands without a token service.</summary>
    public const string Challenge = "Basic realm=\"minipaas\"";

    private readonly byte[]? _expectedHash;

    public TokenAuthenticator(IOptions<RegistryOptions> options)
    {
        var token = options.Value.Token;
        _expectedHash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public bool IsRequired => _expectedHash is not null;

    /// <summary>Returns null when the request may proceed, otherwise why it may not (for the log, never the client).</summary>
    public string? Check(HttpRequest request)
    {
        if (_expectedHash is null)
        {
            return null;
        }

        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return "no Authorization header";
        }

        if (!AuthenticationHeaderValue.TryParse(header, out var parsed) || parsed.Parameter is null)
        {
            return "malformed Authorization header";
        }

        string? presented;
        if (parsed.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            presented = PasswordFromBasic(parsed.Parameter);
            if (presented is null)
            {
                return "Basic credentials are not base64 of user:password";
            }
        }
        else if (parsed.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            presented = parsed.Parameter;
        }
        else
        {
            return $"unsupported Authorization scheme {parsed.Scheme}";
        }

        // Comparing hashes keeps the comparison constant-time regardless of the presented length.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(presentedHash, _expectedHash) ? null : "wrong token";
    }

    private static string? PasswordFromBasic(string encoded)
    {
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
