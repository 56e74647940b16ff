namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="SharedBroker"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrokerCollection : ICollectionFixture<SharedBroker>
{
    public const string Name = "shared broker";
}
