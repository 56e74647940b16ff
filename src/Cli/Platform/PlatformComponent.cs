namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformComponent is one process of the platform as <c>up</c> runs it: how to launch it, where
/// it listens, and how to tell it is ready (a port answering is not enough for the scheduler and
/// the agents: the first must accept the admin token, the others must have registered).
/// </summary>
internal sealed record PlatformComponent
{
    public required ProcessLaunch Launch { get; init; }

    /// <summary>Where it listens, for the table <c>up</c> and <c>status</c> print.</summary>
    public required string Address { get; init; }

    /// <summary>
    /// The TCP ports it binds on <see cref="PlatformLayout.Host"/>, each with the flag that moves it;
    /// checked to be free before it starts. Empty for agents (they listen on nothing).
    /// </summary>
    public IReadOnlyList<(int Port, string Flag)> Ports { get; init; } = [];

    /// <summary>What is awaited after start: e.g. "answering", "registered".</summary>
    public required string ReadyWhen { get; init; }

    /// <summary>True once the component does its job; checked repeatedly until a deadline.</summary>
    public required Func<CancellationToken, Task<bool>> IsReady { get; init; }

    public string Name => Launch.Name;
}
