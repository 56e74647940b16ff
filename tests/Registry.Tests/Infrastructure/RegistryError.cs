namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>The first entry of an error body, as a client sees it.</summary>
internal sealed record RegistryError(string Code, string Message, string DetailJson);
