namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>Staging tests share the registry and cache and run one after another (two cores, one engine).</summary>
[CollectionDefinition(Name)]
public sealed class StagingCollection : ICollectionFixture<StagingFixture>
{
    public const string Name = "staging";
}
