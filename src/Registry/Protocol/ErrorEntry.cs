namespace MiniPaas.Registry.Protocol;

/// <summary>One entry of the spec's <c>{"errors":[...]}</c> body.</summary>
internal sealed record ErrorEntry(string Code, string Message, IReadOnlyDictionary<string, string>? Detail);
