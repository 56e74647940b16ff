using System.Text.Json;

namespace MiniPaas.EndToEnd.Tests.Recovery;

/// <summary>EventView is one entry of <c>minipaas events APP --json</c> (proto3 JSON: defaults left out).</summary>
public sealed record EventView(string Kind, int Index, string NodeId, string Message)
{
    public static EventView Parse(JsonElement e) => new(
        Text(e, "kind"),
        e.TryGetProperty("instanceIndex", out var index) ? index.GetInt32() : 0,
        Text(e, "nodeId"),
        Text(e, "message"));

    public override string ToString() => $"{Kind} [{Index}] {NodeId}: {Message}";

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
}
