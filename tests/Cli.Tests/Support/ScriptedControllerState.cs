using System.Collections.Concurrent;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Tests.Support;

/// <summary>
/// What the scripted controller answers and what it was sent. The CLI is the component under test;
/// this stands in for the controller at the other end of a real h2c connection.
/// </summary>
internal sealed class ScriptedControllerState
{
    public const string Token = "test-admin-token";

    public ConcurrentDictionary<string, AppDetail> Apps { get; } = new();

    public List<ReleaseSummary> Releases { get; } = [];

    public List<NodeSummary> Nodes { get; } = [];

    public List<PlatformEvent> Events { get; } = [];

    public List<RouteSummary> Routes { get; } = [];

    /// <summary>What Deploy streams back, in order.</summary>
    public List<DeployProgress> DeployScript { get; } = [];

    /// <summary>When set, Deploy fails with it after streaming <see cref="DeployScript"/>.</summary>
    public RpcException? DeployFailure { get; set; }

    public ConcurrentQueue<ReceivedUpload> Uploads { get; } = new();

    public ConcurrentQueue<object> Requests { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();
}
