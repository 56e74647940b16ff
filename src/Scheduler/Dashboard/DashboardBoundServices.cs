using System.Text.Json.Nodes;
using MiniPaas.Scheduler.Services;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardBoundServices turns the stored bindings and service instances into what each app's
/// card lists: the bound instance's name, its service and plan, and the broker's last operation
/// (so a binding to an instance that is still provisioning or failed does not look healthy).
/// Credentials never leave the store.
/// </summary>
internal static class DashboardBoundServices
{
    public static Dictionary<string, List<(string Name, string Service, string Plan, string State)>> ByApp(
        IReadOnlyList<ServiceBindingRecord> bindings,
        IReadOnlyList<ServiceInstanceRecord> instances)
    {
        var instancesByName = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var byApp = new Dictionary<string, List<(string, string, string, string)>>(StringComparer.Ordinal);
        foreach (var binding in bindings.OrderBy(b => b.InstanceName, StringComparer.Ordinal))
        {
            // The foreign key keeps the instance while a binding exists; a missing one is shown, not hidden.
            var entry = instancesByName.TryGetValue(binding.InstanceName, out var instance)
                ? (instance.Name, instance.ServiceName, instance.PlanName, instance.LastOperation)
                : (binding.InstanceName, "", "", "unknown instance");
            if (!byApp.TryGetValue(binding.App, out var list))
            {
                byApp[binding.App] = list = [];
            }

            list.Add(entry);
        }

        return byApp;
    }

    public static JsonArray Json(IEnumerable<(string Name, string Service, string Plan, string State)> services) =>
        new(services.Select(s => (JsonNode?)new JsonObject
        {
            ["name"] = s.Name,
            ["service"] = s.Service,
            ["plan"] = s.Plan,
            ["state"] = s.State,
        }).ToArray());
}
