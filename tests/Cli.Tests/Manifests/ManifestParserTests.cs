using MiniPaas.Cli.Manifests;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Manifests;

public sealed class ManifestParserTests
{
    private const string BaseDirectory = "/srv/apps/hello";

    [Fact]
    public void Parse_FullManifest_ReadsEveryField()
    {
        var manifest = Parse("""
            name: hello
            instances: 3
            memory: 64M
            disk: 1G
            command: ./start.sh --port $PORT
            stack: busybox
            path: src
            env:
              GREETING: hi there
              RETRIES: 3
              DEBUG: true
            health_check:
              type: http
              endpoint: /health
              timeout: 60s
              interval: 500ms
              failure_threshold: 4
            exclude:
              - "*.log"
              - tmp/
            """);

        Assert.Equal("minipaas.yml", manifest.SourceName);
        Assert.Equal("hello", manifest.Name);
        Assert.Equal(3, manifest.Instances);
        Assert.Equal(64, manifest.MemoryMb);
        Assert.Equal(1024, manifest.DiskMb);
        Assert.Equal("./start.sh --port $PORT", manifest.Command);
        Assert.Equal("busybox", manifest.Stack);
        Assert.Equal("/srv/apps/hello/src", manifest.Path);
        Assert.Equal(new Dictionary<string, string> { ["GREETING"] = "hi there", ["RETRIES"] = "3", ["DEBUG"] = "true" }, manifest.Env);
        Assert.Equal(
            new ManifestHealthCheck
            {
                Type = "http",
                Endpoint = "/health",
                StartupTimeout = TimeSpan.FromSeconds(60),
                Interval = TimeSpan.FromMilliseconds(500),
                FailureThreshold = 4,
            },
            manifest.HealthCheck);
        Assert.Equal(["*.log", "tmp/"], manifest.Exclude);
    }

    [Fact]
    public void Parse_ApplicationsListWithOneEntry_ReadsTheEntry()
    {
        var manifest = Parse("""
            version: 1
            applications:
            - name: hello
              memory: 128M
              buildpacks: [dotnet]
            """);

        Assert.Equal("hello", manifest.Name);
        Assert.Equal(128, manifest.MemoryMb);
        Assert.Equal("dotnet", manifest.Stack);
    }

    [Fact]
    public void Parse_CfHealthCheckKeys_BecomeTheHealthCheck()
    {
        var manifest = Parse("""
            name: hello
            health-check-type: http
            health-check-http-endpoint: /ready
            timeout: 90
            disk_quota: 512M
            buildpack: busybox
            """);

        Assert.Equal(new ManifestHealthCheck { Type = "http", Endpoint = "/ready", StartupTimeout = TimeSpan.FromSeconds(90) }, manifest.HealthCheck);
        Assert.Equal(512, manifest.DiskMb);
        Assert.Equal("busybox", manifest.Stack);
    }

    [Fact]
    public void Parse_RouterSettings_AreRead()
    {
        var manifest = Parse("load_balancing: least_requests\nsticky_sessions: yes");

        Assert.Equal(("least_requests", true), (manifest.LoadBalancing, manifest.StickySessions));
    }

    [Fact]
    public void Parse_CfNoneHealthCheck_MeansProcess()
    {
        var manifest = Parse("health-check-type: none");

        Assert.Equal("process", manifest.HealthCheck?.Type);
    }

    [Fact]
    public void Parse_NoHealthCheckKeys_LeavesHealthCheckNull()
    {
        var manifest = Parse("name: hello");

        Assert.Null(manifest.HealthCheck);
        Assert.Null(manifest.Instances);
        Assert.Null(manifest.MemoryMb);
        Assert.Empty(manifest.Env);
    }

    [Theory]
    [InlineData("memory: 64Q", "minipaas.yml: memory: \"64Q\" is not a size (use 64M or 1G)")]
    [InlineData("memory: 64", "minipaas.yml: memory: \"64\" is not a size (use 64M or 1G)")]
    [InlineData("memory:", "minipaas.yml: memory: has no value")]
    [InlineData("disk: lots", "minipaas.yml: disk: \"lots\" is not a size (use 64M or 1G)")]
    [InlineData("instances: three", "minipaas.yml: instances: \"three\" is not a whole number")]
    [InlineData("instances: -1", "minipaas.yml: instances: must be at least 0, not -1")]
    [InlineData("name: Hello_World", "minipaas.yml: name: \"Hello_World\" is not a valid app name (lowercase letters, digits and '-', at most 63)")]
    [InlineData("command: [a, b]", "minipaas.yml: command: must be a single value, not a list or mapping")]
    [InlineData("health_check:\n  type: tcp", "minipaas.yml: health_check.type: \"tcp\" is not a health check type (use port, http, process)")]
    [InlineData("health_check:\n  endpoint: health", "minipaas.yml: health_check.endpoint: \"health\" is not a path (it must start with /, e.g. /health)")]
    [InlineData("health_check:\n  timeout: soon", "minipaas.yml: health_check.timeout: \"soon\" is not a duration (use e.g. 30s, 500ms, 2m or a number of seconds)")]
    [InlineData("health_check:\n  interval: 5h", "minipaas.yml: health_check.interval: \"5h\" is not a duration (use e.g. 30s, 500ms, 2m or a number of seconds)")]
    [InlineData("health_check:\n  failure_threshold: 0", "minipaas.yml: health_check.failure_threshold: must be at least 1, not 0")]
    [InlineData("health_check:\n  kind: http", "minipaas.yml: health_check.kind: unknown field (known fields: type, endpoint, timeout, interval, failure_threshold)")]
    [InlineData("health_check: http", "minipaas.yml: health_check: must be a mapping (type, endpoint, timeout, interval, failure_threshold)")]
    [InlineData("health-check-type: tcp", "minipaas.yml: health-check-type: \"tcp\" is not a health check type (use port, http, process)")]
    [InlineData("env:\n  1BAD: x", "minipaas.yml: env.1BAD: is not a valid environment variable name (letters, digits, _; not starting with a digit)")]
    [InlineData("env:\n  GOOD: [x]", "minipaas.yml: env.GOOD: must be a single value, not a list or mapping")]
    [InlineData("env: [A]", "minipaas.yml: env: must be a mapping of NAME: value")]
    [InlineData("routes: [x]", "minipaas.yml: routes: unknown field (known fields: name, instances, memory, disk, disk_quota, disk-quota, command, stack, buildpack, buildpacks, path, env, health_check, health-check-type, health-check-http-endpoint, timeout, exclude, load_balancing, sticky_sessions)")]
    [InlineData("instanses: 2", "minipaas.yml: instanses: unknown field (did you mean instances?)")]
    [InlineData("stack: busybox\nbuildpack: dotnet", "minipaas.yml: buildpack: \"dotnet\" contradicts stack: \"busybox\"")]
    [InlineData("buildpacks: [a, b]", "minipaas.yml: buildpacks: lists 2 buildpacks; minipaas stages with exactly one stack")]
    [InlineData("disk: 1G\ndisk_quota: 1G", "minipaas.yml: disk_quota: the disk size is given twice (disk, disk_quota, disk-quota mean the same)")]
    [InlineData("health-check-type: port\nhealth_check:\n  type: http", "minipaas.yml: health-check-type: \"port\" contradicts health_check.type: \"http\"")]
    [InlineData("applications:\n- name: a\n- name: b", "minipaas.yml: applications: holds 2 applications; minipaas pushes one app per manifest")]
    [InlineData("applications:\n- name: a\n  memory: 1X", "minipaas.yml: applications[0].memory: \"1X\" is not a size (use 64M or 1G)")]
    [InlineData("applications:\n- name: a\nmemory: 1G", "minipaas.yml: memory: unknown field beside applications: (put app settings inside the applications entry)")]
    [InlineData("applications: hello", "minipaas.yml: applications: must be a list with one application")]
    [InlineData("- name: a", "minipaas.yml: the manifest must be a mapping of fields (name: hello, instances: 2, ...)")]
    [InlineData("exclude:\n  - [x]", "minipaas.yml: exclude[0]: must be a single value, not a list or mapping")]
    [InlineData("load_balancing: random", "minipaas.yml: load_balancing: \"random\" is not a policy (use round_robin, least_requests, power_of_two_choices)")]
    [InlineData("sticky_sessions: maybe", "minipaas.yml: sticky_sessions: \"maybe\" is not true or false")]
    public void Parse_InvalidField_ErrorNamesTheField(string yaml, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => Parse(yaml));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_EmptyText_SaysTheManifestIsEmpty()
    {
        var error = Assert.Throws<ManifestException>(() => Parse(""));

        Assert.Equal("minipaas.yml: the manifest is empty", error.Message);
    }

    [Fact]
    public void Parse_BrokenYaml_GivesLineAndColumn()
    {
        var error = Assert.Throws<ManifestException>(() => Parse("name: hello\ninstances: 2: 3"));

        Assert.StartsWith("minipaas.yml: line 2, column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedFlowMapping_SaysItIsNotYaml()
    {
        var error = Assert.Throws<ManifestException>(() => Parse("name: hello\nenv: {A: 1\ninstances: 2"));

        Assert.StartsWith("minipaas.yml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var error = Assert.Throws<ManifestException>(() => Parse("name: a\nname: b"));

        Assert.StartsWith("minipaas.yml: line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_RelativePath_IsResolvedAgainstTheManifestDirectory()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("app/minipaas.yml", "name: hello\npath: ../code\n");

        var manifest = ManifestParser.ParseFile(file);

        Assert.Equal(directory.Combine("code"), manifest.Path);
    }

    [Fact]
    public void ParseFile_MissingFile_NamesThePath()
    {
        using var directory = new TempDirectory();
        var missing = directory.Combine("minipaas.yml");

        var error = Assert.Throws<ManifestException>(() => ManifestParser.ParseFile(missing));

        Assert.StartsWith(missing + ": cannot read the manifest", error.Message, StringComparison.Ordinal);
    }

    private static AppManifest Parse(string yaml) => ManifestParser.Parse(yaml, "minipaas.yml", BaseDirectory);
}
