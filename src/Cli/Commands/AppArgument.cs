using System.CommandLine;

namespace MiniPaas.Cli.Commands;

/// <summary>The APP argument most commands take.</summary>
internal static class AppArgument
{
    public static Argument<string> Create() => new("APP") { Description = "The app's name" };
}
