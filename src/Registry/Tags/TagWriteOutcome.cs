namespace MiniPaas.Registry.Tags;

/// <summary>What happened when a tag was written.</summary>
internal enum TagWriteOutcome
{
    /// <summary>The tag did not exist and now points at the digest.</summary>
    Created,

    /// <summary>The tag already pointed at the same digest; nothing changed.</summary>
    Unchanged,

    /// <summary>The tag points at another digest and, being immutable, was left alone.</summary>
    Conflict,
}
