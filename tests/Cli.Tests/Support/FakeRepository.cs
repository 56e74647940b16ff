namespace MiniPaas.Cli.Tests.Support;

/// <summary>
/// A directory shaped like the repository's build outputs (empty dll files), for tests of what
/// <c>up</c> would launch, and of the checks that stop it before it launches anything.
/// </summary>
internal sealed class FakeRepository : IDisposable
{
    private readonly TempDirectory _directory = new();

    public FakeRepository(string configuration = "Release")
    {
        Configuration = configuration;
        File.WriteAllText(_directory.Combine("MiniPaas.sln"), "");
        foreach (var component in new[] { "Registry", "LogAggregator", "Scheduler", "Agent", "Router" })
        {
            _directory.Write($"src/{component}/bin/{configuration}/net10.0/MiniPaas.{component}.dll", "");
        }
    }

    public string Root => _directory.Path;

    public string Configuration { get; }

    public string Dll(string component) => _directory.Combine($"src/{component}/bin/{Configuration}/net10.0/MiniPaas.{component}.dll");

    public void Dispose() => _directory.Dispose();
}
