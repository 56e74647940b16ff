using Google.Protobuf.Reflection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>The gRPC methods the tests call, built from the shared contracts.</summary>
internal static class Methods
{
    private static readonly ServiceDescriptor Controller = ControllerReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Controller");
    private static readonly ServiceDescriptor NodeControl = AgentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("NodeControl");
    private static readonly ServiceDescriptor NodeAdmin = NodesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("NodeAdmin");
    private static readonly ServiceDescriptor RouteDiscovery = RoutesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RouteDiscovery");

    public static readonly Method<UploadChunk, UploadReply> UploadPackage = Method<UploadChunk, UploadReply>.From(Controller, "UploadPackage");
    public static readonly Method<DeployRequest, DeployProgress> Deploy = Method<DeployRequest, DeployProgress>.From(Controller, "Deploy");
    public static readonly Method<ListAppsRequest, ListAppsReply> ListApps = Method<ListAppsRequest, ListAppsReply>.From(Controller, "ListApps");
    public static readonly Method<GetAppRequest, AppDetail> GetApp = Method<GetAppRequest, AppDetail>.From(Controller, "GetApp");
    public static readonly Method<ScaleRequest, AppDetail> Scale = Method<ScaleRequest, AppDetail>.From(Controller, "Scale");
    public static readonly Method<SetAppStateRequest, AppDetail> SetAppState = Method<SetAppStateRequest, AppDetail>.From(Controller, "SetAppState");
    public static readonly Method<RestartAppRequest, AppDetail> RestartApp = Method<RestartAppRequest, AppDetail>.From(Controller, "RestartApp");
    public static readonly Method<DeleteAppRequest, DeleteAppReply> DeleteApp = Method<DeleteAppRequest, DeleteAppReply>.From(Controller, "DeleteApp");
    public static readonly Method<ListReleasesRequest, ListReleasesReply> ListReleases = Method<ListReleasesRequest, ListReleasesReply>.From(Controller, "ListReleases");
    public static readonly Method<RollbackRequest, AppDetail> Rollback = Method<RollbackRequest, AppDetail>.From(Controller, "Rollback");
    public static readonly Method<ListNodesRequest, ListNodesReply> ListNodes = Method<ListNodesRequest, ListNodesReply>.From(Controller, "ListNodes");
    public static readonly Method<ListEventsRequest, ListEventsReply> ListEvents = Method<ListEventsRequest, ListEventsReply>.From(Controller, "ListEvents");
    public static readonly Method<GetAppRequest, AppDetail> WatchApp = Method<GetAppRequest, AppDetail>.From(Controller, "WatchApp");
    public static readonly Method<PlatformInfoRequest, PlatformInfo> GetPlatformInfo = Method<PlatformInfoRequest, PlatformInfo>.From(Controller, "GetPlatformInfo");
    public static readonly Method<ListRoutesRequest, ListRoutesReply> ListRoutes = Method<ListRoutesRequest, ListRoutesReply>.From(Controller, "ListRoutes");
    public static readonly Method<MapRouteRequest, RouteSummary> MapRoute = Method<MapRouteRequest, RouteSummary>.From(Controller, "MapRoute");
    public static readonly Method<MapRouteRequest, RouteSummary> UnmapRoute = Method<MapRouteRequest, RouteSummary>.From(Controller, "UnmapRoute");

    public static readonly Method<RegisterRequest, RegisterReply> Register = Method<RegisterRequest, RegisterReply>.From(NodeControl, "Register");
    public static readonly Method<HeartbeatRequest, HeartbeatReply> Heartbeat = Method<HeartbeatRequest, HeartbeatReply>.From(NodeControl, "Heartbeat");
    public static readonly Method<WatchAssignmentsRequest, AssignmentSet> WatchAssignments = Method<WatchAssignmentsRequest, AssignmentSet>.From(NodeControl, "WatchAssignments");
    public static readonly Method<InstanceReportBatch, ReportReply> ReportInstances = Method<InstanceReportBatch, ReportReply>.From(NodeControl, "ReportInstances");

    public static readonly Method<DrainNodeRequest, DrainProgress> DrainNode = Method<DrainNodeRequest, DrainProgress>.From(NodeAdmin, "DrainNode");
    public static readonly Method<UncordonNodeRequest, NodeSummary> UncordonNode = Method<UncordonNodeRequest, NodeSummary>.From(NodeAdmin, "UncordonNode");

    public static readonly Method<WatchRoutesRequest, RouteTable> WatchRoutes = Method<WatchRoutesRequest, RouteTable>.From(RouteDiscovery, "WatchRoutes");
}
