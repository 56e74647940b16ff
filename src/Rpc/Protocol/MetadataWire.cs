namespace MiniPaas.Rpc;

/// <summary>Turns <see cref="Metadata"/> into header values and back.</summary>
internal static class MetadataWire
{
    public static string ToWireValue(MetadataEntry entry) =>
        entry.IsBinary ? Base64Metadata.Encode(entry.ValueBytes) : entry.Value;

    /// <summary>Adds one received header to <paramref name="metadata"/> unless it is protocol plumbing.</summary>
    public static void AddHeader(Metadata metadata, string name, IEnumerable<string?> values)
    {
        var key = name.ToLowerInvariant();
        if (GrpcProtocol.IsTransportHeader(key))
        {
            return;
        }

        foreach (var value in values)
        {
            if (value is not null)
            {
                metadata.AddReceived(key, value);
            }
        }
    }
}
