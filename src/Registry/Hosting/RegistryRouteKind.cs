namespace MiniPaas.Registry.Hosting;

/// <summary>The endpoints of the distribution API, told apart by the tail of the path.</summary>
internal enum RegistryRouteKind
{
    Unknown,
    Base,
    Catalog,
    TagList,
    Manifest,
    Blob,
    UploadStart,
    Upload,
}
