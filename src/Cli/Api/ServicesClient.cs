using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using MiniPaas.Cli.Connection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Api;

/// <summary>
/// ServicesClient is the CLI's typed view of the <c>minipaas.v1.Services</c> gRPC service
/// (brokers, marketplace, service instances, bindings). Unary calls get a deadline long enough for
/// a broker to create a database; CreateService streams until the controller ends it.
/// </summary>
internal sealed class ServicesClient : IDisposable
{
    private static readonly ServiceDescriptor Service = ServicesReflection.Descriptor.Services.Single(s => s.Name == "Services");
    private static readonly Method<CreateServiceBrokerRequest, ServiceBrokerSummary> CreateServiceBrokerMethod = Method<CreateServiceBrokerRequest, ServiceBrokerSummary>.From(Service, "CreateServiceBroker");
    private static readonly Method<ListServiceBrokersRequest, ListServiceBrokersReply> ListServiceBrokersMethod = Method<ListServiceBrokersRequest, ListServiceBrokersReply>.From(Service, "ListServiceBrokers");
    private static readonly Method<MarketplaceRequest, MarketplaceReply> MarketplaceMethod = Method<MarketplaceRequest, MarketplaceReply>.From(Service, "Marketplace");
    private static readonly Method<CreateServiceRequest, ServiceProgress> CreateServiceMethod = Method<CreateServiceRequest, ServiceProgress>.From(Service, "CreateService");
    private static readonly Method<ListServicesRequest, ListServicesReply> ListServicesMethod = Method<ListServicesRequest, ListServicesReply>.From(Service, "ListServices");
    private static readonly Method<GetServiceRequest, ServiceInstanceSummary> GetServiceMethod = Method<GetServiceRequest, ServiceInstanceSummary>.From(Service, "GetService");
    private static readonly Method<BindServiceRequest, ServiceBindingSummary> BindServiceMethod = Method<BindServiceRequest, ServiceBindingSummary>.From(Service, "BindService");
    private static readonly Method<BindServiceRequest, UnbindServiceReply> UnbindServiceMethod = Method<BindServiceRequest, UnbindServiceReply>.From(Service, "UnbindService");
    private static readonly Method<DeleteServiceRequest, DeleteServiceReply> DeleteServiceMethod = Method<DeleteServiceRequest, DeleteServiceReply>.From(Service, "DeleteService");

    private readonly RpcChannel _channel;
    private readonly TimeProvider _time;

    public ServicesClient(ConnectionSettings connection, TimeProvider time)
    {
        _time = time;
        _channel = new RpcChannel(connection.Api, new RpcChannelOptions { BearerToken = connection.Token, TimeProvider = time });
    }

    /// <summary>Deadline of each unary call. Default 5 min: deleting an asynchronous instance waits for the broker.</summary>
    public TimeSpan UnaryTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public Task<ServiceBrokerSummary> CreateServiceBrokerAsync(CreateServiceBrokerRequest request, CancellationToken cancellationToken) =>
        UnaryAsync(CreateServiceBrokerMethod, request, cancellationToken);

    public Task<ListServiceBrokersReply> ListServiceBrokersAsync(CancellationToken cancellationToken) =>
        UnaryAsync(ListServiceBrokersMethod, new ListServiceBrokersRequest(), cancellationToken);

    public Task<MarketplaceReply> MarketplaceAsync(CancellationToken cancellationToken) =>
        UnaryAsync(MarketplaceMethod, new MarketplaceRequest(), cancellationToken);

    /// <summary>Provisions an instance, yielding progress until it is created (or the controller gives up).</summary>
    public async IAsyncEnumerable<ServiceProgress> CreateServiceAsync(CreateServiceRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(CreateServiceMethod, request, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var item in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    public Task<ListServicesReply> ListServicesAsync(CancellationToken cancellationToken) =>
        UnaryAsync(ListServicesMethod, new ListServicesRequest(), cancellationToken);

    public Task<ServiceInstanceSummary> GetServiceAsync(string name, CancellationToken cancellationToken) =>
        UnaryAsync(GetServiceMethod, new GetServiceRequest { Name = name }, cancellationToken);

    public Task<ServiceBindingSummary> BindServiceAsync(string app, string name, CancellationToken cancellationToken) =>
        UnaryAsync(BindServiceMethod, new BindServiceRequest { App = app, Name = name }, cancellationToken);

    public Task<UnbindServiceReply> UnbindServiceAsync(string app, string name, CancellationToken cancellationToken) =>
        UnaryAsync(UnbindServiceMethod, new BindServiceRequest { App = app, Name = name }, cancellationToken);

    public Task<DeleteServiceReply> DeleteServiceAsync(string name, CancellationToken cancellationToken) =>
        UnaryAsync(DeleteServiceMethod, new DeleteServiceRequest { Name = name }, cancellationToken);

    public void Dispose() => _channel.Dispose();

    private Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        _channel.UnaryAsync(method, request, new CallOptions { Deadline = _time.GetUtcNow() + UnaryTimeout, CancellationToken = cancellationToken });
}
