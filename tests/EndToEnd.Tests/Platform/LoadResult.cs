namespace MiniPaas.EndToEnd.Tests.Platform;

/// <summary>LoadResult counts what a bounded load saw: every request either succeeded or is listed.</summary>
public sealed record LoadResult(int Requests, int Succeeded, IReadOnlyList<string> Failures)
{
    public override string ToString() =>
        $"{Requests} requests, {Succeeded} 2xx, {Failures.Count} failed{(Failures.Count == 0 ? "" : ": " + string.Join("; ", Failures.Take(5)))}";
}
