using MiniPaas.Agent.Instances;

namespace MiniPaas.Agent.Tests.Instances;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/hello@sha256:abcd", "127.0.0.1:5000")]
    [InlineData("registry.example/team/app:1", "registry.example")]
    [InlineData("localhost/app:1", "localhost")]
    [InlineData("minipaas-agent-tests/busybox:1", null)]
    [InlineData("busybox", null)]
    public void RegistryHost_Reference_ReturnsRegistryOrNull(string image, string? expected)
    {
        Assert.Equal(expected, ImageReference.RegistryHost(image));
    }
}
