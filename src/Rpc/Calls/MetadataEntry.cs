namespace MiniPaas.Rpc;

/// <summary>
/// MetadataEntry is one key/value pair of gRPC metadata. Keys ending in <c>-bin</c> carry bytes
/// (base64 on the wire); all other keys carry printable ASCII text.
/// </summary>
public sealed class MetadataEntry
{
    private readonly string? _text;
    private readonly byte[]? _bytes;

    internal MetadataEntry(string key, string text)
    {
        Key = key;
        _text = text;
    }

    internal MetadataEntry(string key, byte[] bytes)
    {
        Key = key;
        _bytes = bytes;
    }

    /// <summary>The lowercase key.</summary>
    public string Key { get; }

    /// <summary>True when the key ends in <c>-bin</c> and the value is bytes.</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>The text value. Throws for binary entries: read <see cref="ValueBytes"/> instead.</summary>
    public string Value => _text
        ?? throw new InvalidOperationException($"Metadata entry '{Key}' is binary; read {nameof(ValueBytes)} instead of {nameof(Value)}.");

    /// <summary>The byte value. Throws for text entries: read <see cref="Value"/> instead.</summary>
    public byte[] ValueBytes => _bytes
        ?? throw new InvalidOperationException($"Metadata entry '{Key}' is text; read {nameof(Value)} instead of {nameof(ValueBytes)}.");

    /// <inheritdoc />
    public override string ToString() => IsBinary
        ? $"{Key}: <{_bytes!.Length} bytes>"
        : $"{Key}: {_text}";
}
