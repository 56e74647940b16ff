namespace MiniPaas.Scheduler.Routes;

/// <summary>LoadBalancingPolicies names how the router may spread an app's requests over its instances.</summary>
internal static class LoadBalancingPolicies
{
    public const string RoundRobin = "round_robin";
    public const string LeastRequests = "least_requests";
    public const string PowerOfTwoChoices = "power_of_two_choices";

    public static readonly IReadOnlyList<string> All = [RoundRobin, LeastRequests, PowerOfTwoChoices];

    public static bool IsKnown(string policy) => policy is RoundRobin or LeastRequests or PowerOfTwoChoices;
}
