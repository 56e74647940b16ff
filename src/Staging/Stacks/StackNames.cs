namespace MiniPaas.Staging;

/// <summary>StackNames lists the stacks staging knows, as written in an app manifest's <c>stack:</c>.</summary>
public static class StackNames
{
    /// <summary>A static busybox userland for scripts and self-contained binaries.</summary>
    public const string Busybox = "busybox";

    /// <summary>The host's .NET runtime (with ASP.NET Core) for published or source .NET apps.</summary>
    public const string Dotnet = "dotnet";

    /// <summary>All stacks, in detection order (the most specific first).</summary>
    public static IReadOnlyList<string> All { get; } = [Dotnet, Busybox];
}
