using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace MiniPaas.Rpc;

/// <summary>
/// Method describes one gRPC method for the client: its path, shape and message types. Create it
/// once (e.g. in a static field) and reuse it for every call.
/// </summary>
/// <typeparam name="TRequest">The generated request message type.</typeparam>
/// <typeparam name="TResponse">The generated response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    /// <summary>Creates a method from its service's full name (<c>package.Service</c>), its name and shape.</summary>
    public Method(string serviceFullName, string name, MethodType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceFullName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (serviceFullName.Contains('/') || name.Contains('/'))
        {
            throw new ArgumentException($"Service '{serviceFullName}' and method '{name}' must not contain '/'.");
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown method type.");
        }

        ServiceFullName = serviceFullName;
        Name = name;
        Type = type;
        FullName = "/" + serviceFullName + "/" + name;
    }

    /// <summary>The service's full name, e.g. <c>minipaas.v1.Controller</c>.</summary>
    public string ServiceFullName { get; }

    /// <summary>The method's name, e.g. <c>Login</c>.</summary>
    public string Name { get; }

    /// <summary>The call shape.</summary>
    public MethodType Type { get; }

    /// <summary>The request path, e.g. <c>/minipaas.v1.Controller/Login</c>.</summary>
    public string FullName { get; }

    /// <summary>
    /// Builds a method from a protobuf service descriptor (e.g. <c>ControllerReflection.Descriptor.Services[0]</c>),
    /// taking the shape from it and checking that its message types are <typeparamref name="TRequest"/>
    /// and <typeparamref name="TResponse"/>.
    /// </summary>
    public static Method<TRequest, TResponse> From(ServiceDescriptor service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var descriptor = service.FindMethodByName(name)
            ?? throw new ArgumentException(
                $"Service '{service.FullName}' has no method '{name}'. Its methods: {string.Join(", ", service.Methods.Select(m => m.Name))}.",
                nameof(name));

        CheckMessageType(descriptor, "request", descriptor.InputType, typeof(TRequest));
        CheckMessageType(descriptor, "response", descriptor.OutputType, typeof(TResponse));
        return new Method<TRequest, TResponse>(service.FullName, name, MethodTypes.Of(descriptor));
    }

    /// <inheritdoc />
    public override string ToString() => $"{FullName} ({Type})";

    private static void CheckMessageType(MethodDescriptor method, string role, MessageDescriptor expected, Type actual)
    {
        if (expected.ClrType != actual)
        {
            throw new ArgumentException(
                $"Method '/{method.Service.FullName}/{method.Name}' takes {role} message '{expected.FullName}' " +
                $"(CLR type {expected.ClrType?.FullName ?? "unknown"}), but {actual.FullName} was given.");
        }
    }
}
