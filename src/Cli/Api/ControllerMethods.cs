using Google.Protobuf.Reflection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Api;

/// <summary>The Controller service's methods, bound once from the generated descriptor (which checks the message types).</summary>
internal static class ControllerMethods
{
    private static readonly ServiceDescriptor Service = ControllerReflection.Descriptor.Services.Single(s => s.Name == "Controller");

    public static readonly Method<UploadChunk, UploadReply> UploadPackage = Method<UploadChunk, UploadReply>.From(Service, "UploadPackage");
    public static readonly Method<DeployRequest, DeployProgress> Deploy = Method<DeployRequest, DeployProgress>.From(Service, "Deploy");
    public static readonly Method<ListAppsRequest, ListAppsReply> ListApps = Method<ListAppsRequest, ListAppsReply>.From(Service, "ListApps");
    public static readonly Method<GetAppRequest, AppDetail> GetApp = Method<GetAppRequest, AppDetail>.From(Service, "GetApp");
    public static readonly Method<ScaleRequest, AppDetail> Scale = Method<ScaleRequest, AppDetail>.From(Service, "Scale");
    public static readonly Method<SetAppStateRequest, AppDetail> SetAppState = Method<SetAppStateRequest, AppDetail>.From(Service, "SetAppState");
    public static readonly Method<RestartAppRequest, AppDetail> RestartApp = Method<RestartAppRequest, AppDetail>.From(Service, "RestartApp");
    public static readonly Method<DeleteAppRequest, DeleteAppReply> DeleteApp = Method<DeleteAppRequest, DeleteAppReply>.From(Service, "DeleteApp");
    public static readonly Method<ListReleasesRequest, ListReleasesReply> ListReleases = Method<ListReleasesRequest, ListReleasesReply>.From(Service, "ListReleases");
    public static readonly Method<RollbackRequest, AppDetail> Rollback = Method<RollbackRequest, AppDetail>.From(Service, "Rollback");
    public static readonly Method<ListNodesRequest, ListNodesReply> ListNodes = Method<ListNodesRequest, ListNodesReply>.From(Service, "ListNodes");
    public static readonly Method<ListEventsRequest, ListEventsReply> ListEvents = Method<ListEventsRequest, ListEventsReply>.From(Service, "ListEvents");
    public static readonly Method<GetAppRequest, AppDetail> WatchApp = Method<GetAppRequest, AppDetail>.From(Service, "WatchApp");
    public static readonly Method<ListRoutesRequest, ListRoutesReply> ListRoutes = Method<ListRoutesRequest, ListRoutesReply>.From(Service, "ListRoutes");
    public static readonly Method<MapRouteRequest, RouteSummary> MapRoute = Method<MapRouteRequest, RouteSummary>.From(Service, "MapRoute");
    public static readonly Method<MapRouteRequest, RouteSummary> UnmapRoute = Method<MapRouteRequest, RouteSummary>.From(Service, "UnmapRoute");
    public static readonly Method<PlatformInfoRequest, PlatformInfo> GetPlatformInfo = Method<PlatformInfoRequest, PlatformInfo>.From(Service, "GetPlatformInfo");
}
