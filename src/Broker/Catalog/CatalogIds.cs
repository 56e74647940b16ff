namespace MiniPaas.Broker.Catalog;

/// <summary>
/// The catalog's ids. They never change: platforms remember instances by them (OSB API, "Catalog Management").
/// </summary>
public static class CatalogIds
{
    /// <summary>Service offering <c>postgresql</c>: a database on the broker's PostgreSQL cluster.</summary>
    public const string PostgresService = "fad72255-ac91-4a4a-a206-9788a5d8374b";

    /// <summary>Plan <c>postgresql</c>/<c>small</c>: provisioned synchronously, 20 connections.</summary>
    public const string PostgresSmallPlan = "4b877c2f-8ce5-4de8-850a-f43a36654aa3";

    /// <summary>Plan <c>postgresql</c>/<c>standard</c>: provisioned, updated and deprovisioned asynchronously, 100 connections.</summary>
    public const string PostgresStandardPlan = "43b84f19-ad5c-4961-852c-b4ef55362d22";

    /// <summary>Service offering <c>redis</c>: a key prefix on the broker's Redis server.</summary>
    public const string RedisService = "60553ae8-ffc7-4690-95f3-441181ec8590";

    /// <summary>Plan <c>redis</c>/<c>default</c>: provisioned synchronously.</summary>
    public const string RedisDefaultPlan = "84cdd9c3-23a5-45fa-a424-6ddba566b100";
}
