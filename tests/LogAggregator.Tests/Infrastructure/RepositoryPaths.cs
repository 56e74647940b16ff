namespace MiniPaas.LogAggregator.Tests.Infrastructure;

/// <summary>Finds files of the repository the tests were built from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The aggregator's entry assembly, copied next to the tests by the project reference.</summary>
    public static string AggregatorAssembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "MiniPaas.LogAggregator.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build tests/LogAggregator.Tests");
        }
    }
}
