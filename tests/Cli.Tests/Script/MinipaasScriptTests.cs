using System.Diagnostics;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Script;

/// <summary>
/// The repository's <c>./minipaas</c> wrapper, run by bash in a copy of the repository's shape with
/// a stand-in <c>dotnet</c> on PATH that logs its arguments (building the real solution here would
/// take minutes and build other people's work in progress).
/// </summary>
public sealed class MinipaasScriptTests : IDisposable
{
    private const string FakeDotnet = """
        #!/bin/sh
        echo "$*" >> "$FAKE_DOTNET_LOG"
        if [ "$1" = build ]; then
          mkdir -p src/Cli/bin/Release/net10.0
          touch src/Cli/bin/Release/net10.0/MiniPaas.Cli.dll
          if [ -n "$FAKE_BUILD_FAILS" ]; then echo "Program.cs(1,1): error CS1002: ; expected"; exit 1; fi
          exit 0
        fi
        echo "cli ran with: $*"
        """;

    private readonly TempDirectory _repository = new();
    private readonly string _log;

    public MinipaasScriptTests()
    {
        var script = Path.Combine(FindRepositoryRoot(), "minipaas");
        File.Copy(script, _repository.Combine("minipaas"));
        File.WriteAllText(_repository.Combine("MiniPaas.sln"), "");
        _repository.Write("src/Cli/Program.cs", "return 0;");
        _repository.Write("src/Cli/Cli.csproj", "<Project />");
        var dotnet = _repository.Write("fake-bin/dotnet", FakeDotnet.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(dotnet, (UnixFileMode)0b111_101_101);
        _log = _repository.Combine("dotnet.log");
    }

    [Fact]
    public void Run_NoBuildOutput_BuildsTheSolutionThenRunsTheCli()
    {
        var (exitCode, stdout, stderr) = Run("apps", "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [
                "build MiniPaas.sln -c Release -v q -nologo --disable-build-servers",
                $"{_repository.Combine("src/Cli/bin/Release/net10.0/MiniPaas.Cli.dll")} apps --json",
            ],
            DotnetCalls());
        Assert.Contains("minipaas: building the platform", stderr, StringComparison.Ordinal);
        Assert.Equal($"cli ran with: {_repository.Combine("src/Cli/bin/Release/net10.0/MiniPaas.Cli.dll")} apps --json", stdout.Trim());
    }

    [Fact]
    public void Run_NothingChangedSinceTheBuild_IsQuietAndDoesNotBuild()
    {
        Run("status");

        var (exitCode, _, stderr) = Run("status");

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        Assert.Single(DotnetCalls(), call => call.StartsWith("build ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("src/Cli/Program.cs")]
    [InlineData("src/Other/Other.csproj")]
    [InlineData("src/Contracts/Protos/x.proto")]
    public void Run_SourceNewerThanTheBuild_BuildsAgain(string source)
    {
        Run("status");
        var file = _repository.Write(source, "changed");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Run("status");

        Assert.Equal(2, DotnetCalls().Count(call => call.StartsWith("build ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_ChangeUnderBinOrObj_DoesNotBuild()
    {
        Run("status");
        var file = _repository.Write("src/Cli/obj/Generated.cs", "generated");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Run("status");

        Assert.Single(DotnetCalls(), call => call.StartsWith("build ", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_BuildFails_ShowsTheBuildOutputAndDoesNotRun()
    {
        var (exitCode, stdout, stderr) = Run(new Dictionary<string, string> { ["FAKE_BUILD_FAILS"] = "1" }, "apps");

        Assert.Equal(1, exitCode);
        Assert.Contains("error CS1002", stderr, StringComparison.Ordinal);
        Assert.Contains("minipaas: the build failed", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Single(DotnetCalls());
    }

    private (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    private (int ExitCode, string Stdout, string Stderr) Run(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _repository.Path };
        start.ArgumentList.Add(_repository.Combine("minipaas"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = _repository.Combine("fake-bin") + ":/usr/bin:/bin";
        start.Environment["FAKE_DOTNET_LOG"] = _log;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "./minipaas did not finish within 60 s");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private IReadOnlyList<string> DotnetCalls() => File.Exists(_log) ? File.ReadAllLines(_log) : [];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MiniPaas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MiniPaas.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose() => _repository.Dispose();
}
