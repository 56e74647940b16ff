using MiniPaas.Agent.Tests.Support;

namespace MiniPaas.Agent.Tests.Integration;

/// <summary>
/// The tests that run containers share one busybox image and run one after another: each starts
/// containers on the real engine, and two cores do not gain from running them side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<BusyboxImage>
{
    public const string Name = "docker";
}
