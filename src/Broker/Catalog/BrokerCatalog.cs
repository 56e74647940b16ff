namespace MiniPaas.Broker.Catalog;

/// <summary>The fixed set of services and plans this broker offers.</summary>
internal sealed class BrokerCatalog
{
    public BrokerCatalog()
    {
        Services =
        [
            new ServiceOffering(
                CatalogIds.PostgresService,
                "postgresql",
                "A PostgreSQL 15 database with its own role and password per binding.",
                ServiceKind.Postgres,
                ["postgresql", "relational", "sql"],
                [
                    new ServicePlan(CatalogIds.PostgresSmallPlan, "small", "A database allowing 20 connections, created synchronously.",
                        RequiresAsync: false, PlanUpdateable: true, MaintenanceVersion: "15.0.0", ConnectionLimit: 20),
                    new ServicePlan(CatalogIds.PostgresStandardPlan, "standard", "A database allowing 100 connections, created asynchronously.",
                        RequiresAsync: true, PlanUpdateable: true, MaintenanceVersion: "15.0.0", ConnectionLimit: 100),
                ]),
            new ServiceOffering(
                CatalogIds.RedisService,
                "redis",
                "A Redis 7 key space (a key prefix) with its own ACL user per binding.",
                ServiceKind.Redis,
                ["redis", "key-value", "caching"],
                [
                    new ServicePlan(CatalogIds.RedisDefaultPlan, "default", "A key prefix on a shared Redis server, created synchronously.",
                        RequiresAsync: false, PlanUpdateable: false, MaintenanceVersion: "7.0.0", ConnectionLimit: null),
                ]),
        ];
    }

    public IReadOnlyList<ServiceOffering> Services { get; }

    public ServiceOffering? FindService(string serviceId) => Services.FirstOrDefault(s => s.Id == serviceId);
}
