using System.Globalization;
using MiniPaas.Cli.Units;
using MiniPaas.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Output;

/// <summary>
/// ReplyTables turns controller replies into the tables the commands print. Every cell is built
/// from <see cref="Text"/>, never markup, because app names, messages and commands come from users
/// and may contain <c>[</c>.
/// </summary>
internal static class ReplyTables
{
    /// <summary><c>apps</c>: NAME, STATE, INSTANCES (running/desired), MEMORY, RELEASE, URLS.</summary>
    public static IRenderable Apps(ListAppsReply reply)
    {
        var table = NewTable("NAME", "STATE", "INSTANCES", "MEMORY", "RELEASE", "URLS");
        foreach (var app in reply.Apps.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            table.AddRow(
                Cell(app.Name),
                StateCell(app.State),
                Cell(string.Create(CultureInfo.InvariantCulture, $"{app.RunningInstances}/{app.DesiredInstances}")),
                Cell(app.MemoryMb > 0 ? MegabyteSize.Format(app.MemoryMb) : "-"),
                Cell(Humanize.Version(app.ReleaseVersion)),
                Cell(app.Urls.Count == 0 ? "-" : string.Join(", ", app.Urls)));
        }

        return table;
    }

    /// <summary><c>app</c>: a summary grid, then the instances table.</summary>
    public static IRenderable App(AppDetail app, DateTimeOffset now)
    {
        var summary = app.Summary ?? new AppSummary();
        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
        void Row(string label, string value) => grid.AddRow(new Text(label + ":", new Style(decoration: Decoration.Bold)), new Text(value));

        Row("name", summary.Name);
        Row("state", summary.State);
        Row("instances", string.Create(CultureInfo.InvariantCulture, $"{summary.RunningInstances}/{summary.DesiredInstances} running"));
        Row("memory", summary.MemoryMb > 0 ? MegabyteSize.Format(summary.MemoryMb) : "-");
        Row("disk", app.DiskMb > 0 ? MegabyteSize.Format(app.DiskMb) : "-");
        if (app.Release is { } release)
        {
            Row("release", $"{Humanize.Version(release.Version)} {Humanize.ShortDigest(release.ImageDigest)}");
            Row("stack", Humanize.OrDash(release.Stack));
            Row("command", Humanize.OrDash(release.Command));
        }
        else
        {
            Row("release", "- (nothing pushed yet)");
        }

        Row("health check", HealthCheckText(app.HealthCheck));
        Row("urls", summary.Urls.Count == 0 ? "-" : string.Join(", ", summary.Urls));

        var rows = new List<IRenderable> { grid, new Text("") };
        rows.Add(app.Instances.Count == 0 ? new Text("no instances") : Instances(app.Instances, now));
        return new Rows(rows);
    }

    /// <summary>The instances of an app: INDEX, STATE, NODE, ADDRESS, SINCE, RESTARTS, RELEASE (+ DETAILS when any).</summary>
    public static IRenderable Instances(IEnumerable<InstanceDetail> instances, DateTimeOffset now)
    {
        var list = instances.OrderBy(i => i.Index).ThenBy(i => i.ReleaseVersion).ToArray();
        var withDetails = list.Any(i => i.Message.Length > 0 || i.LastExitCode != 0);
        var headers = new List<string> { "INDEX", "STATE", "NODE", "ADDRESS", "SINCE", "RESTARTS", "RELEASE" };
        if (withDetails)
        {
            headers.Add("DETAILS");
        }

        var table = NewTable([.. headers]);
        foreach (var instance in list)
        {
            var cells = new List<IRenderable>
            {
                Cell(instance.Index.ToString(CultureInfo.InvariantCulture)),
                StateCell(Humanize.State(instance.State)),
                Cell(Humanize.OrDash(instance.NodeId)),
                Cell(Humanize.OrDash(instance.Address)),
                Cell(Humanize.Ago(instance.Since, now)),
                Cell(instance.Restarts.ToString(CultureInfo.InvariantCulture)),
                Cell(Humanize.Version(instance.ReleaseVersion)),
            };
            if (withDetails)
            {
                cells.Add(Cell(Details(instance)));
            }

            table.AddRow(cells);
        }

        return table;
    }

    /// <summary><c>releases</c>: VERSION (current marked), DIGEST, STACK, CREATED, DESCRIPTION; newest first.</summary>
    public static IRenderable Releases(ListReleasesReply reply, DateTimeOffset now)
    {
        var table = NewTable("VERSION", "DIGEST", "STACK", "CREATED", "DESCRIPTION");
        foreach (var release in reply.Releases.OrderByDescending(r => r.Version))
        {
            table.AddRow(
                Cell(release.Current ? $"{Humanize.Version(release.Version)} (current)" : Humanize.Version(release.Version)),
                Cell(Humanize.ShortDigest(release.ImageDigest)),
                Cell(Humanize.OrDash(release.Stack)),
                Cell(Humanize.Ago(release.CreatedAt, now)),
                Cell(Humanize.OrDash(release.Description)));
        }

        return table;
    }

    /// <summary><c>nodes</c>: NODE, ADDRESS, STATE, MEMORY used/capacity, INSTANCES used/capacity, LAST HEARTBEAT.</summary>
    public static IRenderable Nodes(ListNodesReply reply, DateTimeOffset now)
    {
        var table = NewTable("NODE", "ADDRESS", "STATE", "MEMORY", "INSTANCES", "LAST HEARTBEAT");
        foreach (var node in reply.Nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal))
        {
            var used = node.Used ?? new Resources();
            var capacity = node.Capacity ?? new Resources();
            table.AddRow(
                Cell(node.NodeId),
                Cell(Humanize.OrDash(node.Address)),
                StateCell(node.State),
                Cell($"{MegabyteSize.Format(used.MemoryMb)}/{MegabyteSize.Format(capacity.MemoryMb)}"),
                Cell(string.Create(CultureInfo.InvariantCulture, $"{used.Instances}/{capacity.Instances}")),
                Cell(Humanize.Ago(node.LastHeartbeat, now)));
        }

        return table;
    }

    /// <summary><c>events</c>: TIME, KIND, INDEX, MESSAGE, oldest first so the newest ends up next to the prompt.</summary>
    public static IRenderable Events(ListEventsReply reply, TimeZoneInfo zone)
    {
        var table = NewTable("TIME", "KIND", "INDEX", "MESSAGE");
        foreach (var item in reply.Events.OrderBy(e => e.Time?.ToDateTimeOffset() ?? DateTimeOffset.MinValue))
        {
            // instance_index is 0 both for instance 0 and for events about no instance; the kind tells them apart.
            var index = item.Kind.StartsWith("instance", StringComparison.Ordinal)
                ? item.InstanceIndex.ToString(CultureInfo.InvariantCulture)
                : "-";
            table.AddRow(Cell(Humanize.Time(item.Time, zone)), Cell(item.Kind), Cell(index), Cell(item.Message));
        }

        return table;
    }

    /// <summary><c>routes</c>: HOST, PATH, APP, URL, DEFAULT (yes for the route every app gets).</summary>
    public static IRenderable Routes(ListRoutesReply reply)
    {
        var table = NewTable("HOST", "PATH", "APP", "URL", "DEFAULT");
        foreach (var route in reply.Routes.OrderBy(r => r.Host, StringComparer.Ordinal).ThenBy(r => r.PathPrefix, StringComparer.Ordinal))
        {
            table.AddRow(
                Cell(route.Host),
                Cell(route.PathPrefix.Length == 0 ? "/" : route.PathPrefix),
                Cell(route.App),
                Cell(Humanize.OrDash(route.Url)),
                Cell(route.DefaultRoute ? "yes" : "no"));
        }

        return table;
    }

    /// <summary>The health check in one phrase, e.g. <c>http /health (timeout 60s)</c>.</summary>
    public static string HealthCheckText(HealthCheck? check)
    {
        if (check is null || check.Type.Length == 0)
        {
            return "port (default)";
        }

        var text = check.Type == "http" && check.Endpoint.Length > 0 ? $"http {check.Endpoint}" : check.Type;
        var extras = new List<string>();
        if (check.StartupTimeoutSeconds > 0)
        {
            extras.Add(string.Create(CultureInfo.InvariantCulture, $"timeout {check.StartupTimeoutSeconds}s"));
        }

        if (check.IntervalMillis > 0)
        {
            extras.Add(check.IntervalMillis % 1000 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"every {check.IntervalMillis / 1000}s")
                : string.Create(CultureInfo.InvariantCulture, $"every {check.IntervalMillis}ms"));
        }

        if (check.FailureThreshold > 0)
        {
            extras.Add(string.Create(CultureInfo.InvariantCulture, $"{check.FailureThreshold} failures"));
        }

        return extras.Count == 0 ? text : $"{text} ({string.Join(", ", extras)})";
    }

    private static string Details(InstanceDetail instance)
    {
        var parts = new List<string>();
        if (instance.LastExitCode != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"exit {instance.LastExitCode}"));
        }

        if (instance.Message.Length > 0)
        {
            parts.Add(instance.Message);
        }

        return parts.Count == 0 ? "-" : string.Join(": ", parts);
    }

    private static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None).ShowHeaders();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(3));
        }

        return table;
    }

    private static Text Cell(string text) => new(text);

    private static Text StateCell(string state) => new(state, state switch
    {
        "running" or "started" or "ready" => new Style(Color.Green),
        "crashed" or "lost" => new Style(Color.Red),
        "starting" or "pending" or "draining" => new Style(Color.Yellow),
        _ => Style.Plain,
    });
}
