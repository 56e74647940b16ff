using System.Collections;

namespace MiniPaas.Rpc;

/// <summary>
/// Metadata is the ordered list of key/value pairs sent as HTTP/2 headers or trailers of a call.
/// Keys are lowercase (upper-case input is lowered), may repeat, and use only <c>a-z 0-9 - _ .</c>;
/// keys ending in <c>-bin</c> hold bytes, the others printable ASCII. Keys starting with
/// <c>grpc-</c> are reserved by the protocol and cannot be added.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    /// <summary>The suffix that marks a key whose value is binary.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<MetadataEntry> _entries = new();

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public MetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry. The key must not end in <c>-bin</c>.</summary>
    public Metadata Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{normalized}' ends in '{BinarySuffix}', so its value must be bytes: use Add(string, byte[]).", nameof(key));
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Metadata value for '{normalized}' contains character U+{(int)c:X4}; text values must be printable ASCII (use a '{BinarySuffix}' key for other data).", nameof(value));
            }
        }

        _entries.Add(new MetadataEntry(normalized, value));
        return this;
    }

    /// <summary>Adds a binary entry. The key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (!IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{normalized}' carries bytes, so it must end in '{BinarySuffix}'.", nameof(key));
        }

        _entries.Add(new MetadataEntry(normalized, value));
        return this;
    }

    /// <summary>The first entry with <paramref name="key"/>, or null.</summary>
    public MetadataEntry? Get(string key)
    {
        var normalized = key.ToLowerInvariant();
        foreach (var entry in _entries)
        {
            if (entry.Key == normalized)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The text value of the first entry with <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the first entry with <paramref name="key"/> (a <c>-bin</c> key), or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>All entries with <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<MetadataEntry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return _entries.FindAll(entry => entry.Key == normalized);
    }

    /// <summary>Removes every entry with <paramref name="key"/>; returns how many were removed.</summary>
    public int RemoveAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return _entries.RemoveAll(entry => entry.Key == normalized);
    }

    /// <inheritdoc />
    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when <paramref name="key"/> (already lowercase) names a binary entry.</summary>
    internal static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

    /// <summary>
    /// Adds an entry that arrived on the wire. Reserved <c>grpc-</c> keys are allowed here because
    /// peers legitimately send some (e.g. <c>grpc-accept-encoding</c>).
    /// </summary>
    internal void AddReceived(string key, string wireValue)
    {
        if (IsBinaryKey(key))
        {
            // A binary header may hold several comma-separated base64 values.
            foreach (var part in wireValue.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                _entries.Add(new MetadataEntry(key, Base64Metadata.Decode(key, part)));
            }

            return;
        }

        _entries.Add(new MetadataEntry(key, wireValue));
    }

    internal void AddRange(Metadata other) => _entries.AddRange(other._entries);

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = key.ToLowerInvariant();
        foreach (var c in normalized)
        {
            var valid = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
            if (!valid)
            {
                throw new ArgumentException($"Metadata key '{key}' contains '{c}'; keys may use only a-z, 0-9, '-', '_' and '.'.", nameof(key));
            }
        }

        if (normalized.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{normalized}' is reserved: keys starting with 'grpc-' belong to the gRPC protocol.", nameof(key));
        }

        return normalized;
    }
}
