namespace MiniPaas.Broker.Catalog;

/// <summary>Which backend serves a service offering.</summary>
internal enum ServiceKind
{
    Postgres,
    Redis,
}
