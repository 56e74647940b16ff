using Yarp.ReverseProxy.LoadBalancing;

namespace MiniPaas.Router.Routing;

/// <summary>Maps the scheduler's <c>AppRoute.load_balancing</c> names to YARP load-balancing policies.</summary>
internal static class LoadBalancingNames
{
    /// <summary>The scheduler's name for round robin, also used when the field is empty.</summary>
    public const string RoundRobin = "round_robin";

    /// <summary>The scheduler's name for "fewest requests in flight".</summary>
    public const string LeastRequests = "least_requests";

    /// <summary>The scheduler's name for "the less busy of two random instances".</summary>
    public const string PowerOfTwoChoices = "power_of_two_choices";

    /// <summary>
    /// The YARP policy for <paramref name="name"/> (case-insensitive); unknown names fall back to round robin
    /// with <paramref name="known"/> false, so a newer scheduler cannot take an app offline.
    /// </summary>
    public static string ToYarpPolicy(string? name, out bool known)
    {
        known = true;
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or RoundRobin:
                return LoadBalancingPolicies.RoundRobin;
            case LeastRequests:
                return LoadBalancingPolicies.LeastRequests;
            case PowerOfTwoChoices:
                return LoadBalancingPolicies.PowerOfTwoChoices;
            default:
                known = false;
                return LoadBalancingPolicies.RoundRobin;
        }
    }
}
