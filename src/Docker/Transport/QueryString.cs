using System.Globalization;
using System.Text;

namespace MiniPaas.Docker.Transport;

/// <summary>Builds a path with an escaped query string.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder builder;
    private bool hasParameters;

    public QueryString(string path)
    {
        builder = new StringBuilder(path);
    }

    public QueryString Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        builder.Append(hasParameters ? '&' : '?')
            .Append(name)
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        hasParameters = true;
        return this;
    }

    public QueryString Add(string name, bool value) => Add(name, value ? "1" : "0");

    public QueryString Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => builder.ToString();
}
