using System.Globalization;

namespace MiniPaas.Cli.Demo;

/// <summary>Reads samples/hello's answer, <c>hello from APP instance N on port P</c>.</summary>
internal static class HelloAnswer
{
    public static bool TryParse(string body, out int index, out int port)
    {
        index = 0;
        port = 0;
        var words = body.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var instanceAt = Array.IndexOf(words, "instance");
        var portAt = Array.IndexOf(words, "port");
        return instanceAt >= 0 && portAt >= 0 && instanceAt + 1 < words.Length && portAt + 1 < words.Length
            && int.TryParse(words[instanceAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && int.TryParse(words[portAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port);
    }
}
