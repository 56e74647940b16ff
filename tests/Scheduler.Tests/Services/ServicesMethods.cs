using Google.Protobuf.Reflection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Tests.Services;

/// <summary>The Services gRPC methods the tests call, built from the shared contracts.</summary>
internal static class ServicesMethods
{
    private static readonly ServiceDescriptor Service = ServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Services");

    public static readonly Method<CreateServiceBrokerRequest, ServiceBrokerSummary> CreateServiceBroker = Method<CreateServiceBrokerRequest, ServiceBrokerSummary>.From(Service, "CreateServiceBroker");
    public static readonly Method<ListServiceBrokersRequest, ListServiceBrokersReply> ListServiceBrokers = Method<ListServiceBrokersRequest, ListServiceBrokersReply>.From(Service, "ListServiceBrokers");
    public static readonly Method<DeleteServiceBrokerRequest, DeleteServiceBrokerReply> DeleteServiceBroker = Method<DeleteServiceBrokerRequest, DeleteServiceBrokerReply>.From(Service, "DeleteServiceBroker");
    public static readonly Method<MarketplaceRequest, MarketplaceReply> Marketplace = Method<MarketplaceRequest, MarketplaceReply>.From(Service, "Marketplace");
    public static readonly Method<CreateServiceRequest, ServiceProgress> CreateService = Method<CreateServiceRequest, ServiceProgress>.From(Service, "CreateService");
    public static readonly Method<ListServicesRequest, ListServicesReply> ListServices = Method<ListServicesRequest, ListServicesReply>.From(Service, "ListServices");
    public static readonly Method<GetServiceRequest, ServiceInstanceSummary> GetService = Method<GetServiceRequest, ServiceInstanceSummary>.From(Service, "GetService");
    public static readonly Method<BindServiceRequest, ServiceBindingSummary> BindService = Method<BindServiceRequest, ServiceBindingSummary>.From(Service, "BindService");
    public static readonly Method<BindServiceRequest, UnbindServiceReply> UnbindService = Method<BindServiceRequest, UnbindServiceReply>.From(Service, "UnbindService");
    public static readonly Method<DeleteServiceRequest, DeleteServiceReply> DeleteService = Method<DeleteServiceRequest, DeleteServiceReply>.From(Service, "DeleteService");
}
