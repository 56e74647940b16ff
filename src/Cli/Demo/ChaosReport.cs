using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Demo;

/// <summary>ChaosReport is the demo's result: the timeline, the load's totals, and the targets checked against them.</summary>
internal sealed record ChaosReport(string App, IReadOnlyList<ChaosStep> Steps, long Requests, long Non2xx, long Errors, IReadOnlyList<string> FailureSamples)
{
    /// <summary>Target: an instance kill's replacement serves within this p50.</summary>
    public static readonly TimeSpan InstanceKillTarget = TimeSpan.FromSeconds(1);

    /// <summary>Target: a killed agent's instances all run elsewhere within this.</summary>
    public static readonly TimeSpan AgentKillTarget = TimeSpan.FromSeconds(10);

    /// <summary>Median of instance kill → replacement routable; null when one never became routable.</summary>
    public double? InstanceKillToRoutableP50Ms
    {
        get
        {
            var values = Steps.Where(s => s.Kind == "instance kill").Select(s => s.KillToRoutableMs).ToList();
            if (values.Count == 0 || values.Any(v => v is null))
            {
                return null;
            }

            // The usual median (mean of the middle two for an even count): with the default two
            // kills a nearest-rank p50 would just report the faster one.
            var sorted = values.Select(v => v!.Value).Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /// <summary>Agent SIGKILL → all its instances running elsewhere; null when that never happened.</summary>
    public double? AgentKillToRunningMs => Steps.FirstOrDefault(s => s.Kind == "agent SIGKILL")?.KillToRunningMs;

    public bool ZeroFailuresMet => Non2xx == 0 && Errors == 0;

    public bool InstanceKillTargetMet => InstanceKillToRoutableP50Ms < InstanceKillTarget.TotalMilliseconds;

    public bool AgentKillTargetMet => AgentKillToRunningMs < AgentKillTarget.TotalMilliseconds;

    public IRenderable ToTable()
    {
        var table = new Table().Border(TableBorder.None).ShowHeaders();
        foreach (var header in new[] { "EVENT", "TARGET", "AT ms", "NOTICED ms", "RUNNING ms", "ROUTABLE ms", "KILL→ROUTABLE ms", "DETAILS" })
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(3));
        }

        foreach (var step in Steps)
        {
            table.AddRow(
                new Text(step.Kind), new Text(step.Target), new Text(Ms(step.AtMs)), new Text(Ms(step.NoticedMs)),
                new Text(Ms(step.RunningMs)), new Text(Ms(step.RoutableMs)), new Text(Ms(step.KillToRoutableMs)), new Text(step.Detail));
        }

        return table;
    }

    public IEnumerable<string> SummaryLines()
    {
        yield return $"load: {Requests} requests, {Non2xx} non-2xx, {Errors} errors";
        foreach (var sample in FailureSamples)
        {
            yield return "  " + sample;
        }

        yield return $"zero failed requests: {Verdict(ZeroFailuresMet)}";
        var kills = string.Join(", ", Steps.Where(s => s.Kind == "instance kill").Select(s => Ms(s.KillToRoutableMs)));
        yield return $"instance kill → replacement routable, p50 of [{kills}]: {Ms(InstanceKillToRoutableP50Ms)} ms (target < {InstanceKillTarget.TotalMilliseconds:0} ms): {Verdict(InstanceKillTargetMet)}";
        yield return $"agent kill → all its instances running elsewhere: {Ms(AgentKillToRunningMs)} ms (target < {AgentKillTarget.TotalMilliseconds:0} ms): {Verdict(AgentKillTargetMet)}";
    }

    public JsonObject ToJson() => new()
    {
        ["app"] = App,
        ["steps"] = new JsonArray(Steps.Select(s => (JsonNode)new JsonObject
        {
            ["event"] = s.Kind,
            ["target"] = s.Target,
            ["atMs"] = Round(s.AtMs),
            ["noticedMs"] = Round(s.NoticedMs),
            ["runningMs"] = Round(s.RunningMs),
            ["routableMs"] = Round(s.RoutableMs),
            ["killToRoutableMs"] = Round(s.KillToRoutableMs),
            ["details"] = s.Detail,
        }).ToArray()),
        ["load"] = new JsonObject { ["requests"] = Requests, ["non2xx"] = Non2xx, ["errors"] = Errors },
        ["instanceKillToRoutableP50Ms"] = Round(InstanceKillToRoutableP50Ms),
        ["agentKillToRunningElsewhereMs"] = Round(AgentKillToRunningMs),
        ["targets"] = new JsonObject
        {
            ["zeroFailedRequests"] = ZeroFailuresMet,
            ["instanceKillToRoutableP50Under1s"] = InstanceKillTargetMet,
            ["agentKillToRunningElsewhereUnder10s"] = AgentKillTargetMet,
        },
    };

    private static double? Round(double? ms) => ms is null ? null : Math.Round(ms.Value);

    private static string Ms(double? ms) => ms is null ? "-" : ms.Value.ToString("0", CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "met" : "MISSED";
}
