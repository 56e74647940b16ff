using System.Text.Json;

namespace MiniPaas.EndToEnd.Tests.Platform;

/// <summary>InstanceView is one row of <c>minipaas app APP --json</c>.</summary>
public sealed record InstanceView(int Index, string InstanceId, string State, string NodeId, string Address, int Restarts, int ReleaseVersion)
{
    public bool IsRunning => State == "INSTANCE_STATE_RUNNING";

    public override string ToString() => $"#{Index} {State} {NodeId} {Address} v{ReleaseVersion}";
}

/// <summary>
/// AppView reads <c>minipaas app APP --json</c> (the proto3 JSON mapping of AppDetail, which leaves
/// out fields holding their default value, so a missing number is 0).
/// </summary>
public sealed record AppView(string Name, int DesiredInstances, int RunningInstances, int ReleaseVersion, string ImageDigest, IReadOnlyList<InstanceView> Instances)
{
    public IEnumerable<InstanceView> Running => Instances.Where(i => i.IsRunning);

    public static AppView Parse(JsonElement detail)
    {
        var summary = detail.GetProperty("summary");
        var release = detail.TryGetProperty("release", out var r) ? r : default;
        var instances = detail.TryGetProperty("instances", out var list)
            ? list.EnumerateArray().Select(i => new InstanceView(
                Int(i, "index"), Text(i, "instanceId"), Text(i, "state"), Text(i, "nodeId"), Text(i, "address"),
                Int(i, "restarts"), Int(i, "releaseVersion"))).ToList()
            : [];
        return new AppView(
            Text(summary, "name"), Int(summary, "desiredInstances"), Int(summary, "runningInstances"),
            release.ValueKind == JsonValueKind.Object ? Int(release, "version") : 0,
            release.ValueKind == JsonValueKind.Object ? Text(release, "imageDigest") : "",
            instances);
    }

    public override string ToString() =>
        $"{Name} {RunningInstances}/{DesiredInstances} v{ReleaseVersion} [{string.Join("; ", Instances)}]";

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? int.Parse(v.GetString()!) : v.GetInt32() : 0;

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
}
