namespace MiniPaas.Docker.Tests.Fixtures;

/// <summary>Engine tests share one fixture and run one after another: two cores and one engine.</summary>
[CollectionDefinition(Name)]
public sealed class DockerEngineCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "Docker engine";
}
