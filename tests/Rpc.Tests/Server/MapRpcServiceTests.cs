using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Server;

/// <summary>Service classes are bound once, at map time, and mistakes fail there with a clear message.</summary>
public sealed class MapRpcServiceTests
{
    [Fact]
    public async Task MapRpcService_MethodMissing_ThrowsNamingMethodAndExpectedSignature()
    {
        await using var app = CreateApp(services => services.AddScoped<ServiceWithoutDuplex>());

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRpcService<ServiceWithoutDuplex>(EchoMethods.Service));

        Assert.Contains("'Duplex'", error.Message);
        Assert.Contains("/minipaas.test.v1.Echo/Duplex", error.Message);
        Assert.Contains("Task Duplex(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)", error.Message);
    }

    [Fact]
    public async Task MapRpcService_WrongSignature_ThrowsShowingFoundAndExpected()
    {
        await using var app = CreateApp(services => services.AddScoped<ServiceWithWrongUnary>());

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRpcService<ServiceWithWrongUnary>(EchoMethods.Service));

        Assert.Contains("Found: EchoReply Unary(EchoRequest request)", error.Message);
        Assert.Contains("Expected: Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)", error.Message);
    }

    [Fact]
    public async Task MapRpcService_WithoutAddRpc_ThrowsAskingForAddRpc()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddScoped<EchoService>();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRpcService<EchoService>(EchoMethods.Service));

        Assert.Contains("AddRpc()", error.Message);
    }

    [Fact]
    public async Task MapRpcService_ServiceNotRegistered_ThrowsNamingTheType()
    {
        await using var app = CreateApp(_ => { });

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRpcService<EchoService>(EchoMethods.Service));

        Assert.Contains(nameof(EchoService), error.Message);
        Assert.Contains("not registered", error.Message);
    }

    [Fact]
    public async Task MapRpcService_MappedTwice_ThrowsNamingTheMethod()
    {
        await using var app = CreateApp(services => services.AddScoped<EchoService>().AddSingleton<CallProbe>());
        app.MapRpcService<EchoService>(EchoMethods.Service);

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRpcService<EchoService>(EchoMethods.Service));

        Assert.Contains("already mapped", error.Message);
    }

    [Fact]
    public async Task MapRpcService_InvalidOptions_ThrowsNamingTheSetting()
    {
        await using var app = CreateApp(
            services => services.AddScoped<EchoService>(),
            options =>
            {
                options.MaxReceiveMessageSize = 0;
                options.AnonymousMethods.Add("Login");
            });

        var error = Assert.Throws<OptionsValidationException>(() => app.MapRpcService<EchoService>(EchoMethods.Service));

        Assert.Contains("MaxReceiveMessageSize", error.Message);
        Assert.Contains("'Login'", error.Message);
    }

    private static WebApplication CreateApp(Action<IServiceCollection> register, Action<RpcServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRpc(configure);
        register(builder.Services);
        return builder.Build();
    }

    private sealed class ServiceWithoutDuplex
    {
        public Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());

        public Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context) => Task.CompletedTask;

        public Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context) => Task.FromResult(new EchoReply());
    }

    private sealed class ServiceWithWrongUnary
    {
        public EchoReply Unary(EchoRequest request) => new();
    }
}
