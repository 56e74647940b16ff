using MiniPaas.Contracts.V1;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>Builds route tables the way the scheduler fills them.</summary>
internal static class RouteTables
{
    public static RouteTable Of(long version, params AppRoute[] apps)
    {
        var table = new RouteTable { Version = version };
        table.Apps.AddRange(apps);
        return table;
    }

    /// <summary>App <paramref name="name"/> at <c>name.localhost</c> served by <paramref name="backends"/> (index = position).</summary>
    public static AppRoute App(string name, params TestBackend[] backends) => App(name, [new RouteMatch { Host = $"{name}.localhost" }], backends);

    public static AppRoute App(string name, IEnumerable<RouteMatch> matches, IEnumerable<TestBackend> backends, string loadBalancing = "", bool sticky = false)
    {
        var app = new AppRoute { App = name, LoadBalancing = loadBalancing, StickySessions = sticky };
        app.Matches.AddRange(matches);
        var index = 0;
        foreach (var backend in backends)
        {
            app.Destinations.Add(new RouteDestination { InstanceId = $"{name}-{backend.Name}", Index = index++, Address = backend.Address });
        }

        return app;
    }
}
