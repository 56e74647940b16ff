using MiniPaas.Staging.Tests.Fixtures;

namespace MiniPaas.Staging.Tests.Staging;

/// <summary>Stack selection and the build step, without running the images.</summary>
[Collection(StagingCollection.Name)]
public sealed class StagerBuildTests(StagingFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task StageAsync_ProcfileWebLine_BecomesTheCommand()
    {
        var source = NewApp("procfile-app");
        await File.WriteAllTextAsync(Path.Combine(source, "Procfile"), "# processes\nworker: ./work.sh\nweb: busybox httpd -f -p $PORT\n");

        var image = await fixture.Stager.StageAsync(new StagingRequest { AppName = "procfile-app", SourceDirectory = source }, new RecordingProgress());

        Assert.Equal("busybox", image.Stack);
        Assert.Equal("busybox httpd -f -p $PORT", image.Command);
    }

    [Fact]
    public async Task StageAsync_ExplicitCommand_OverridesDetectedDefault()
    {
        var source = NewApp("override-app");
        await File.WriteAllTextAsync(Path.Combine(source, "start.sh"), "#!/bin/sh\nexit 1\n");

        var image = await fixture.Stager.StageAsync(new StagingRequest { AppName = "override-app", SourceDirectory = source, Command = "sleep 3600" }, new RecordingProgress());

        Assert.Equal("sleep 3600", image.Command);
    }

    [Fact]
    public async Task StageAsync_BrokenProject_ThrowsAfterStreamingCompilerOutput()
    {
        var source = NewApp("broken-dotnet");
        await File.WriteAllTextAsync(Path.Combine(source, "Broken.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(source, "Program.cs"), "this is not C#");
        var progress = new RecordingProgress();

        var error = await Assert.ThrowsAsync<StagingException>(() => fixture.Stager.StageAsync(new StagingRequest { AppName = "broken-dotnet", SourceDirectory = source }, progress));

        Assert.Contains("'Broken.csproj'", error.Message);
        Assert.Contains("exit code", error.Message);
        Assert.Contains(progress.Lines, line => line.StartsWith("       ", StringComparison.Ordinal) && line.Contains("error CS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StageAsync_PublishOutlivesTimeout_ThrowsNamingTheSetting()
    {
        var source = NewApp("slow-dotnet");
        await File.WriteAllTextAsync(Path.Combine(source, "Slow.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(source, "Program.cs"), "System.Console.WriteLine(1);");
        var options = new StagingOptions
        {
            CacheDirectory = fixture.Options.CacheDirectory,
            WorkDirectory = _scratch.Combine("work"),
            PublishTimeout = TimeSpan.FromMilliseconds(200),
        };
        var stager = new Stager(options, fixture.RegistryClient);

        var error = await Assert.ThrowsAsync<StagingException>(() => stager.StageAsync(new StagingRequest { AppName = "slow-dotnet", SourceDirectory = source }, new RecordingProgress()));

        Assert.Contains("PublishTimeout", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(options.WorkDirectory));
    }

    [Fact]
    public async Task StageAsync_TwoProjects_ThrowsNamingBoth()
    {
        var source = NewApp("two-projects");
        await File.WriteAllTextAsync(Path.Combine(source, "A.csproj"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(source, "B.csproj"), "<Project />");

        var error = await Assert.ThrowsAsync<StagingException>(() => fixture.Stager.StageAsync(new StagingRequest { AppName = "two-projects", SourceDirectory = source }, new RecordingProgress()));

        Assert.Contains("A.csproj", error.Message);
        Assert.Contains("B.csproj", error.Message);
    }

    [Fact]
    public void Constructor_InvalidOption_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new Stager(new StagingOptions { MaxAppBytes = 0 }, fixture.RegistryClient));

        Assert.Contains("StagingOptions.MaxAppBytes", error.Message);
    }

    private string NewApp(string name)
    {
        var directory = _scratch.Combine(name);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
