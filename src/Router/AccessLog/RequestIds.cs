using System.Security.Cryptography;

namespace MiniPaas.Router.AccessLog;

/// <summary>Request ids: a client's <c>X-Request-Id</c> is kept when it is sane, otherwise the router makes one.</summary>
internal static class RequestIds
{
    /// <summary>The header carrying the id to the instance and back to the client.</summary>
    public const string HeaderName = "X-Request-Id";

    private const int MaxLength = 128;

    /// <summary>The incoming id if acceptable, otherwise a new one.</summary>
    public static string FromIncoming(string? incoming) => IsAcceptable(incoming) ? incoming! : NewId();

    /// <summary>
    /// Accepts 1-128 visible ASCII characters without spaces or quotes: ids end up in logs and headers, where
    /// anything else could forge fields or break parsers.
    /// </summary>
    public static bool IsAcceptable(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new random id: 32 lower-case hex characters.</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
