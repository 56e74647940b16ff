namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>Upper bounds for waiting on conditions; generous because CI machines are small and shared.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Condition = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Process = TimeSpan.FromSeconds(60);
}
