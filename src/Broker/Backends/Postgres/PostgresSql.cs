namespace MiniPaas.Broker.Backends.Postgres;

/// <summary>
/// Quoting for the statements that cannot take bind parameters (CREATE DATABASE, CREATE ROLE ... PASSWORD).
/// The values quoted here are the broker's own (hashed names, generated passwords); quoting keeps them safe anyway.
/// </summary>
internal static class PostgresSql
{
    public static string Identifier(string name)
    {
        if (name.Length is 0 or > 63 || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"\"{name}\" is not a valid PostgreSQL identifier.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL literal cannot contain NUL.", nameof(value));
        }

        // standard_conforming_strings is on (the default since 9.1), so only quotes need doubling.
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
