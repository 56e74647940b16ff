using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace MiniPaas.Cli.Output;

/// <summary>
/// JsonReply writes replies for <c>--json</c>: the proto3 JSON mapping (lowerCamelCase names, enums
/// as names, timestamps as RFC 3339) with default values included, so a script reading
/// <c>runningInstances</c> gets 0 rather than a missing key.
/// </summary>
internal static class JsonReply
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>One message as indented JSON.</summary>
    public static string Format(IMessage message) => ToNode(message).ToJsonString(Indented);

    /// <summary>One message as a JSON node, to be composed with others.</summary>
    public static JsonNode ToNode(IMessage message) => JsonNode.Parse(Formatter.Format(message))!;

    /// <summary>Any JSON node as indented text.</summary>
    public static string Format(JsonNode node) => node.ToJsonString(Indented);
}
