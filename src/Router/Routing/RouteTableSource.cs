namespace MiniPaas.Router.Routing;

/// <summary>Where the route table in effect came from.</summary>
internal enum RouteTableSource
{
    /// <summary>No table yet: the router knows no app.</summary>
    None,

    /// <summary>Loaded from <c>MiniPaas:Router:StateFile</c> at startup.</summary>
    StateFile,

    /// <summary>Received from the scheduler's route stream.</summary>
    Scheduler,
}
