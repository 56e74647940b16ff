using System.Globalization;
using System.Text.Json.Nodes;
using MiniPaas.Cli.Platform;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Output;

/// <summary>Tables and JSON for <c>up</c> and <c>status</c>: which component runs where, under which pid, logging where.</summary>
internal static class PlatformTables
{
    /// <summary>COMPONENT, STATE, PID, ADDRESS, LOG.</summary>
    public static IRenderable Components(IEnumerable<ComponentStatus> components)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var header in new[] { "COMPONENT", "STATE", "PID", "ADDRESS", "LOG" })
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(3));
        }

        foreach (var component in components)
        {
            table.AddRow(
                new Text(component.Name),
                component.Pid is null ? new Text("stopped", new Style(Color.Red)) : new Text("running", new Style(Color.Green)),
                new Text(component.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                new Text(component.Address),
                new Text(component.Log));
        }

        return table;
    }

    /// <summary>The same rows as a JSON array.</summary>
    public static JsonArray ComponentsJson(IEnumerable<ComponentStatus> components) =>
        new(components.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["running"] = c.Pid is not null,
            ["pid"] = c.Pid,
            ["address"] = c.Address,
            ["log"] = c.Log,
        }).ToArray());
}
