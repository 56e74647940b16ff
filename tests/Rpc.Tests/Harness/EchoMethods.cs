using Google.Protobuf.Reflection;
using MiniPaas.Rpc.Tests.Echo;

namespace MiniPaas.Rpc.Tests.Harness;

internal static class EchoMethods
{
    public static readonly ServiceDescriptor Service = EchoReflection.Descriptor.Services.Single(s => s.Name == "Echo");

    public static readonly Method<EchoRequest, EchoReply> Unary = Method<EchoRequest, EchoReply>.From(Service, "Unary");

    public static readonly Method<EchoRequest, EchoReply> ServerStream = Method<EchoRequest, EchoReply>.From(Service, "ServerStream");

    public static readonly Method<EchoRequest, EchoReply> ClientStream = Method<EchoRequest, EchoReply>.From(Service, "ClientStream");

    public static readonly Method<EchoRequest, EchoReply> Duplex = Method<EchoRequest, EchoReply>.From(Service, "Duplex");

    /// <summary>A method of a service that is declared in the proto but never mapped.</summary>
    public static readonly Method<EchoRequest, EchoReply> UnservedCall = Method<EchoRequest, EchoReply>.From(
        EchoReflection.Descriptor.Services.Single(s => s.Name == "Unserved"), "Call");

    /// <summary>A method the mapped Echo service does not have.</summary>
    public static readonly Method<EchoRequest, EchoReply> MissingMethod = new("minipaas.test.v1.Echo", "Missing", MethodType.Unary);
}
