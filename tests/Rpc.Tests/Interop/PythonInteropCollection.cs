using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Interop;

/// <summary>The interop test classes share one set of generated Python stubs.</summary>
[CollectionDefinition(Name)]
public sealed class PythonInteropCollection : ICollectionFixture<PythonGrpcFixture>
{
    public const string Name = "Python gRPC interop";
}
