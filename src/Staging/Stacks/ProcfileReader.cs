namespace MiniPaas.Staging.Stacks;

/// <summary>Reads the <c>web:</c> process type from a Heroku/Cloud Foundry style Procfile.</summary>
internal static class ProcfileReader
{
    /// <summary>The <c>web</c> command, or <c>null</c> when there is no Procfile or no web line.</summary>
    public static string? ReadWebCommand(string sourceDirectory)
    {
        var path = Path.Combine(sourceDirectory, BusyboxStack.Procfile);
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new StagingException($"Procfile line '{line}' is not 'type: command'.");
            }

            if (line[..colon].Trim() == "web")
            {
                var command = line[(colon + 1)..].Trim();
                return command.Length > 0 ? command : throw new StagingException("Procfile has an empty 'web:' command.");
            }
        }

        return null;
    }
}
