using System.Text.Json;
using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Store;

/// <summary>StoreJson encodes the small structured columns (env, labels, health check).</summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string FromMap(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(map.ToDictionary(), StringComparer.Ordinal), Options);

    public static IReadOnlyDictionary<string, string> ToMap(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? new Dictionary<string, string>();

    public static string FromHealthCheck(HealthCheckSpec check) => JsonSerializer.Serialize(check, Options);

    public static HealthCheckSpec ToHealthCheck(string json) =>
        JsonSerializer.Deserialize<HealthCheckSpec>(json, Options) ?? HealthCheckSpec.Default;
}
