using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Tags;

/// <summary>The outcome of a tag write and the digest the tag points at afterwards.</summary>
internal readonly record struct TagWriteResult(TagWriteOutcome Outcome, Digest Current);
