using System.Globalization;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.LogShipping;

/// <summary>
/// Turns what the agent sees happen to an instance into the <c>CELL</c> line an app developer reads
/// next to the app's own output (wording after Cloud Foundry's cell messages). Pure, so it is tested
/// without Docker.
/// </summary>
internal static class CellEventMessages
{
    /// <summary>
    /// The line for a state change, or null when the change says nothing new to the developer.
    /// Crashes go to ERR so <c>--source CELL</c> readers and drains see them as errors.
    /// </summary>
    public static (string Message, bool IsError)? ForTransition(string nodeId, int index, InstanceState previous, InstanceState state, string message)
    {
        var detail = string.IsNullOrEmpty(message) ? string.Empty : ": " + message;
        return state switch
        {
            InstanceState.Starting => (string.Create(CultureInfo.InvariantCulture, $"Cell {nodeId} creating container for instance {index}"), false),
            InstanceState.Running when previous == InstanceState.Starting =>
                (string.Create(CultureInfo.InvariantCulture, $"Container became healthy: instance {index} on cell {nodeId}"), false),
            InstanceState.Running => (string.Create(CultureInfo.InvariantCulture, $"Cell {nodeId} took over running instance {index}{detail}"), false),
            InstanceState.Crashed => (string.Create(CultureInfo.InvariantCulture, $"Instance {index} crashed on cell {nodeId}{detail}"), true),
            InstanceState.Stopped => (string.Create(CultureInfo.InvariantCulture, $"Cell {nodeId} stopped instance {index}{detail}"), false),
            _ => null,
        };
    }

    /// <summary>The line for a container the engine just started.</summary>
    public static string ContainerStarted(string nodeId, int index, string containerId, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"Cell {nodeId} started container {Short(containerId)} for instance {index} on port {port}");

    private static string Short(string containerId) => containerId.Length > 12 ? containerId[..12] : containerId;
}
