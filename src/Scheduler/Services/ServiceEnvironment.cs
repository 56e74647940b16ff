using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniPaas.Scheduler.Services;

/// <summary>
/// ServiceEnvironment turns an app's bindings into the variables its instances get:
/// <c>VCAP_SERVICES</c> in Cloud Foundry's shape (offering label → list of bindings), plus the
/// conventional single-URL variables most libraries read: <c>DATABASE_URL</c> for the first
/// PostgreSQL binding and <c>REDIS_URL</c> for the first Redis binding (by instance name).
/// </summary>
internal static class ServiceEnvironment
{
    public const string VcapServices = "VCAP_SERVICES";
    public const string DatabaseUrl = "DATABASE_URL";
    public const string RedisUrl = "REDIS_URL";

    /// <summary>The variables for <paramref name="bindings"/>; empty when there are none.</summary>
    public static IReadOnlyDictionary<string, string> Build(IEnumerable<BoundService> bindings)
    {
        var ordered = bindings.OrderBy(b => b.Instance.Name, StringComparer.Ordinal).ToList();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ordered.Count == 0)
        {
            return env;
        }

        var vcap = new JsonObject();
        foreach (var group in ordered.GroupBy(b => b.Instance.ServiceName, StringComparer.Ordinal))
        {
            var entries = new JsonArray();
            foreach (var bound in group)
            {
                var tags = new JsonArray();
                foreach (var tag in bound.Instance.Tags)
                {
                    tags.Add(tag);
                }

                entries.Add(new JsonObject
                {
                    ["name"] = bound.Instance.Name,
                    ["label"] = bound.Instance.ServiceName,
                    ["plan"] = bound.Instance.PlanName,
                    ["provider"] = null,
                    ["tags"] = tags,
                    ["instance_name"] = bound.Instance.Name,
                    ["instance_guid"] = bound.Instance.InstanceId,
                    // Bindings are not named by the user here (as `cf bind-service` without --binding-name).
                    ["binding_name"] = null,
                    ["binding_guid"] = bound.Binding.BindingId,
                    ["credentials"] = bound.Credentials.DeepClone(),
                    ["syslog_drain_url"] = null,
                    ["volume_mounts"] = new JsonArray(),
                });
            }

            vcap[group.Key] = entries;
        }

        env[VcapServices] = vcap.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        AddUrl(env, DatabaseUrl, ordered, "postgresql", "postgres");
        AddUrl(env, RedisUrl, ordered, "redis");
        return env;
    }

    /// <summary>
    /// The release's variables with the services environment on top. VCAP_SERVICES always comes
    /// from the platform; a DATABASE_URL / REDIS_URL the app sets itself wins over the bound one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> releaseEnv, IReadOnlyDictionary<string, string> servicesEnv)
    {
        if (servicesEnv.Count == 0)
        {
            return releaseEnv;
        }

        var merged = new Dictionary<string, string>(releaseEnv, StringComparer.Ordinal);
        foreach (var (name, value) in servicesEnv)
        {
            if (name == VcapServices || !merged.ContainsKey(name))
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    private static void AddUrl(Dictionary<string, string> env, string variable, IReadOnlyList<BoundService> bindings, params string[] labelsOrTags)
    {
        var match = bindings.FirstOrDefault(b =>
            labelsOrTags.Contains(b.Instance.ServiceName, StringComparer.OrdinalIgnoreCase)
            || b.Instance.Tags.Any(t => labelsOrTags.Contains(t, StringComparer.OrdinalIgnoreCase)));
        if (match?.Credentials["uri"] is JsonValue uri && uri.TryGetValue<string>(out var text) && text.Length > 0)
        {
            env[variable] = text;
        }
    }
}
