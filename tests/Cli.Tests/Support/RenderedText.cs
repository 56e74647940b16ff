using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Tests.Support;

/// <summary>Renders Spectre output as plain text (no colours, wide), the way a redirected terminal sees it.</summary>
internal static class RenderedText
{
    public static string Of(IRenderable renderable)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        console.Write(renderable);
        return writer.ToString();
    }

    /// <summary>The lines of <paramref name="text"/> with runs of spaces collapsed, so assertions do not depend on column widths.</summary>
    public static IReadOnlyList<string> Rows(string text) =>
        text.Split('\n')
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0)
            .ToArray();
}
