namespace MiniPaas.Cli.Demo;

/// <summary>ChaosDemoOptions are the knobs of <c>minipaas demo chaos</c>.</summary>
internal sealed record ChaosDemoOptions
{
    /// <summary>The app pushed from samples/hello and attacked. Default <c>chaos-demo</c>.</summary>
    public string App { get; init; } = "chaos-demo";

    /// <summary>Instances of the app. Default 3 (one per agent with <c>up --agents 3</c>).</summary>
    public int Instances { get; init; } = 3;

    /// <summary>Instances killed with docker kill, one after the other's recovery. Default 2.</summary>
    public int InstanceKills { get; init; } = 2;

    /// <summary>Concurrent load workers, each one request at a time. Default 4.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>How long one recovery may take before the demo reports it as not recovered. Default 60 s.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
