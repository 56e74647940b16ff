using System.Text.Json;
using Microsoft.Data.Sqlite;
using MiniPaas.Scheduler.Services;

namespace MiniPaas.Scheduler.Store;

/// <summary>The service brokers, instances, bindings and per-deployment service environments.</summary>
internal sealed partial class StoreTransaction
{
    private const string BrokerColumns = "name, url, username, password, created_at";

    private const string ServiceInstanceColumns =
        "name, instance_id, broker, service_name, service_id, plan_name, plan_id, tags, last_operation, message, operation, created_at, updated_at";

    private const string BindingColumns = "binding_id, instance_name, app, credentials, created_at";

    // ---- service brokers ----

    public ServiceBrokerRecord? GetServiceBroker(string name) =>
        Query($"SELECT {BrokerColumns} FROM service_brokers WHERE name = $name;", ReadBroker, ("$name", name)).FirstOrDefault();

    public IReadOnlyList<ServiceBrokerRecord> ListServiceBrokers() =>
        Query($"SELECT {BrokerColumns} FROM service_brokers ORDER BY name;", ReadBroker);

    public void UpsertServiceBroker(ServiceBrokerRecord broker) => Execute(
        $"""
        INSERT INTO service_brokers ({BrokerColumns}) VALUES ($name, $url, $user, $password, $created)
        ON CONFLICT(name) DO UPDATE SET url = excluded.url, username = excluded.username, password = excluded.password;
        """,
        ("$name", broker.Name), ("$url", broker.Url), ("$user", broker.Username), ("$password", broker.EncryptedPassword),
        ("$created", Millis(broker.CreatedAt)));

    public bool DeleteServiceBroker(string name) => Execute("DELETE FROM service_brokers WHERE name = $name;", ("$name", name)) > 0;

    // ---- service instances ----

    public ServiceInstanceRecord? GetServiceInstance(string name) =>
        Query($"SELECT {ServiceInstanceColumns} FROM service_instances WHERE name = $name;", ReadServiceInstance, ("$name", name)).FirstOrDefault();

    public IReadOnlyList<ServiceInstanceRecord> ListServiceInstances() =>
        Query($"SELECT {ServiceInstanceColumns} FROM service_instances ORDER BY name;", ReadServiceInstance);

    public void UpsertServiceInstance(ServiceInstanceRecord instance) => Execute(
        $"""
        INSERT INTO service_instances ({ServiceInstanceColumns})
        VALUES ($name, $id, $broker, $sname, $sid, $pname, $pid, $tags, $lastop, $message, $operation, $created, $updated)
        ON CONFLICT(name) DO UPDATE SET plan_name = excluded.plan_name, plan_id = excluded.plan_id,
            last_operation = excluded.last_operation, message = excluded.message, operation = excluded.operation,
            updated_at = excluded.updated_at;
        """,
        ("$name", instance.Name), ("$id", instance.InstanceId), ("$broker", instance.Broker), ("$sname", instance.ServiceName),
        ("$sid", instance.ServiceId), ("$pname", instance.PlanName), ("$pid", instance.PlanId),
        ("$tags", JsonSerializer.Serialize(instance.Tags)), ("$lastop", instance.LastOperation), ("$message", instance.Message),
        ("$operation", instance.Operation), ("$created", Millis(instance.CreatedAt)), ("$updated", Millis(instance.UpdatedAt)));

    public bool DeleteServiceInstance(string name) => Execute("DELETE FROM service_instances WHERE name = $name;", ("$name", name)) > 0;

    // ---- bindings ----

    public IReadOnlyList<ServiceBindingRecord> ListBindings() =>
        Query($"SELECT {BindingColumns} FROM service_bindings ORDER BY instance_name, app;", ReadBinding);

    public IReadOnlyList<ServiceBindingRecord> ListBindingsOfApp(string app) =>
        Query($"SELECT {BindingColumns} FROM service_bindings WHERE app = $app ORDER BY instance_name;", ReadBinding, ("$app", app));

    public IReadOnlyList<ServiceBindingRecord> ListBindingsOfInstance(string instanceName) =>
        Query($"SELECT {BindingColumns} FROM service_bindings WHERE instance_name = $name ORDER BY app;", ReadBinding, ("$name", instanceName));

    public ServiceBindingRecord? GetBinding(string instanceName, string app) =>
        Query($"SELECT {BindingColumns} FROM service_bindings WHERE instance_name = $name AND app = $app;", ReadBinding, ("$name", instanceName), ("$app", app)).FirstOrDefault();

    public void InsertBinding(ServiceBindingRecord binding) => Execute(
        $"INSERT INTO service_bindings ({BindingColumns}) VALUES ($id, $name, $app, $credentials, $created);",
        ("$id", binding.BindingId), ("$name", binding.InstanceName), ("$app", binding.App),
        ("$credentials", binding.EncryptedCredentials), ("$created", Millis(binding.CreatedAt)));

    public bool DeleteBinding(string bindingId) => Execute("DELETE FROM service_bindings WHERE binding_id = $id;", ("$id", bindingId)) > 0;

    // ---- per-deployment service environments ----

    /// <summary>Records the (sealed) services environment instances of <paramref name="fromDeployment"/> and later get.</summary>
    public void PutServiceEnvironment(string app, int fromDeployment, byte[] encryptedEnv) => Execute(
        "REPLACE INTO app_service_env (app, from_deployment, env) VALUES ($app, $dep, $env);",
        ("$app", app), ("$dep", fromDeployment), ("$env", encryptedEnv));

    /// <summary>Every app's sealed services environments, oldest deployment first.</summary>
    public IReadOnlyList<(string App, int FromDeployment, byte[] EncryptedEnv)> ListServiceEnvironments() =>
        Query("SELECT app, from_deployment, env FROM app_service_env ORDER BY app, from_deployment;", r => (r.GetString(0), r.GetInt32(1), (byte[])r.GetValue(2)));

    /// <summary>Drops environments no instance can use any more: those older than the newest one at or below <paramref name="oldestDeployment"/>.</summary>
    public void PruneServiceEnvironments(string app, int oldestDeployment) => Execute(
        """
        DELETE FROM app_service_env WHERE app = $app AND from_deployment <
            (SELECT COALESCE(MAX(from_deployment), 0) FROM app_service_env WHERE app = $app AND from_deployment <= $oldest);
        """,
        ("$app", app), ("$oldest", oldestDeployment));

    private static ServiceBrokerRecord ReadBroker(SqliteDataReader r) => new()
    {
        Name = r.GetString(0),
        Url = r.GetString(1),
        Username = r.GetString(2),
        EncryptedPassword = (byte[])r.GetValue(3),
        CreatedAt = FromMillis(r.GetInt64(4)),
    };

    private static ServiceInstanceRecord ReadServiceInstance(SqliteDataReader r) => new()
    {
        Name = r.GetString(0),
        InstanceId = r.GetString(1),
        Broker = r.GetString(2),
        ServiceName = r.GetString(3),
        ServiceId = r.GetString(4),
        PlanName = r.GetString(5),
        PlanId = r.GetString(6),
        Tags = JsonSerializer.Deserialize<List<string>>(r.GetString(7)) ?? [],
        LastOperation = r.GetString(8),
        Message = r.GetString(9),
        Operation = r.GetString(10),
        CreatedAt = FromMillis(r.GetInt64(11)),
        UpdatedAt = FromMillis(r.GetInt64(12)),
    };

    private static ServiceBindingRecord ReadBinding(SqliteDataReader r) => new()
    {
        BindingId = r.GetString(0),
        InstanceName = r.GetString(1),
        App = r.GetString(2),
        EncryptedCredentials = (byte[])r.GetValue(3),
        CreatedAt = FromMillis(r.GetInt64(4)),
    };
}
