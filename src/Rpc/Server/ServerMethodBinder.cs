using System.Reflection;
using Google.Protobuf.Reflection;

namespace MiniPaas.Rpc;

/// <summary>
/// Finds, once per mapped method, the service method that handles it and checks its signature,
/// so that a mismatch fails at startup with the signature that was expected.
/// </summary>
internal static class ServerMethodBinder
{
    public static IServerMethodHandler Bind<TService>(MethodDescriptor method, ServerCallPipeline pipeline)
        where TService : class
    {
        var fullName = "/" + method.Service.FullName + "/" + method.Name;
        var requestType = ClrTypeOf(method.InputType, fullName, "request");
        var responseType = ClrTypeOf(method.OutputType, fullName, "response");
        var type = MethodTypes.Of(method);
        var (returnType, parameterTypes, expected) = ExpectedSignature(type, method.Name, requestType, responseType);

        var candidates = typeof(TService)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == method.Name)
            .ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"{typeof(TService).FullName} has no public method '{method.Name}' for gRPC method {fullName} ({type}). Expected: {expected}");
        }

        var match = candidates.FirstOrDefault(m =>
            !m.IsGenericMethodDefinition
            && m.ReturnType == returnType
            && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameterTypes));
        if (match is null)
        {
            var found = string.Join("; ", candidates.Select(Describe));
            throw new InvalidOperationException(
                $"{typeof(TService).FullName}.{method.Name} has the wrong signature for gRPC method {fullName} ({type}). Found: {found}. Expected: {expected}");
        }

        var handlerType = typeof(ServerMethodHandler<,,>).MakeGenericType(typeof(TService), requestType, responseType);
        return (IServerMethodHandler)Activator.CreateInstance(handlerType, fullName, type, match, pipeline)!;
    }

    private static Type ClrTypeOf(MessageDescriptor message, string fullName, string role) =>
        message.ClrType ?? throw new InvalidOperationException(
            $"gRPC method {fullName}: {role} message '{message.FullName}' has no generated CLR type; map a descriptor from generated code (e.g. XxxReflection.Descriptor.Services[0]).");

    private static (Type ReturnType, Type[] Parameters, string Display) ExpectedSignature(MethodType type, string name, Type request, Type response)
    {
        var readerType = typeof(IAsyncStreamReader<>).MakeGenericType(request);
        var writerType = typeof(IServerStreamWriter<>).MakeGenericType(response);
        var context = typeof(ServerCallContext);
        var req = request.Name;
        var res = response.Name;
        return type switch
        {
            MethodType.Unary => (typeof(Task<>).MakeGenericType(response), [request, context],
                $"Task<{res}> {name}({req} request, ServerCallContext context)"),
            MethodType.ServerStreaming => (typeof(Task), [request, writerType, context],
                $"Task {name}({req} request, IServerStreamWriter<{res}> responses, ServerCallContext context)"),
            MethodType.ClientStreaming => (typeof(Task<>).MakeGenericType(response), [readerType, context],
                $"Task<{res}> {name}(IAsyncStreamReader<{req}> requests, ServerCallContext context)"),
            _ => (typeof(Task), [readerType, writerType, context],
                $"Task {name}(IAsyncStreamReader<{req}> requests, IServerStreamWriter<{res}> responses, ServerCallContext context)"),
        };
    }

    private static string Describe(MethodInfo method) =>
        $"{TypeName(method.ReturnType)} {method.Name}({string.Join(", ", method.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}"))})";

    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
