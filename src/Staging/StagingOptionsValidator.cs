namespace MiniPaas.Staging;

/// <summary>Checks <see cref="StagingOptions"/> once, up front, so a bad setting fails with its name instead of mid-staging.</summary>
internal static class StagingOptionsValidator
{
    public static void Validate(StagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(!string.IsNullOrWhiteSpace(options.CacheDirectory), nameof(StagingOptions.CacheDirectory), "must be a directory path");
        Require(!string.IsNullOrWhiteSpace(options.WorkDirectory), nameof(StagingOptions.WorkDirectory), "must be a directory path");
        Require(options.MaxAppBytes > 0, nameof(StagingOptions.MaxAppBytes), $"must be positive (was {options.MaxAppBytes})");
        Require(options.MaxAppEntries > 0, nameof(StagingOptions.MaxAppEntries), $"must be positive (was {options.MaxAppEntries})");
        Require(options.PublishTimeout > TimeSpan.Zero, nameof(StagingOptions.PublishTimeout), $"must be positive (was {options.PublishTimeout})");
        Require(!string.IsNullOrWhiteSpace(options.BusyboxPath), nameof(StagingOptions.BusyboxPath), "must be a file path");
        Require(!string.IsNullOrWhiteSpace(options.DotnetRoot), nameof(StagingOptions.DotnetRoot), "must be a directory path");
        Require(options.RepositoryPrefix.Length == 0 || options.RepositoryPrefix.EndsWith('/'), nameof(StagingOptions.RepositoryPrefix), $"must be empty or end with '/' (was '{options.RepositoryPrefix}')");
    }

    private static void Require(bool condition, string setting, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"StagingOptions.{setting} {problem}.", setting);
        }
    }
}
