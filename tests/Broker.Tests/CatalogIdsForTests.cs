using MiniPaas.Broker.Catalog;

namespace MiniPaas.Broker.Tests;

/// <summary>Short names for the catalog ids the tests use.</summary>
internal static class Ids
{
    public const string Postgres = CatalogIds.PostgresService;
    public const string Small = CatalogIds.PostgresSmallPlan;
    public const string Standard = CatalogIds.PostgresStandardPlan;
    public const string Redis = CatalogIds.RedisService;
    public const string RedisDefault = CatalogIds.RedisDefaultPlan;

    /// <summary>A fresh instance or binding id, so tests sharing a broker never meet.</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
