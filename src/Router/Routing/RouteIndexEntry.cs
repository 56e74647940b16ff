namespace MiniPaas.Router.Routing;

/// <summary>One routable (host, path prefix) pair: requests matching it go to YARP route <paramref name="RouteId"/> of app <paramref name="App"/>.</summary>
/// <param name="Host">Normalised host name (lower case, no port).</param>
/// <param name="PathPrefix">Normalised prefix (<c>/v2</c>), or empty for all paths.</param>
/// <param name="RouteId">The YARP route the request is handed to.</param>
/// <param name="App">The app the route belongs to (also its YARP cluster id).</param>
internal sealed record RouteIndexEntry(string Host, string PathPrefix, string RouteId, string App);
