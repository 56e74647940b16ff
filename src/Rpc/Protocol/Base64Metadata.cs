namespace MiniPaas.Rpc;

/// <summary>
/// Base64 for <c>-bin</c> metadata. gRPC peers must accept padded and unpadded values and should
/// send unpadded ones, so that is what this does.
/// </summary>
internal static class Base64Metadata
{
    public static string Encode(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    public static byte[] Decode(string key, string text)
    {
        var padded = (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException ex)
        {
            throw new RpcException(StatusCode.Internal, $"Metadata '{key}' is not valid base64: {ex.Message}", trailers: null, ex);
        }
    }
}
