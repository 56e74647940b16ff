using System.Reflection;
using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>
/// The parser of one message type, found once per type: generated messages expose a static
/// <c>Parser</c>; anything else gets a parser built from the parameterless constructor.
/// </summary>
internal static class MessageCodec<T>
    where T : class, IMessage<T>, new()
{
    public static readonly MessageParser<T> Parser =
        typeof(T).GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageParser<T>
        ?? new MessageParser<T>(static () => new T());
}
