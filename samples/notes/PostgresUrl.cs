using Npgsql;

namespace Notes;

/// <summary>Turns a postgres:// (or postgresql://) URL, as in DATABASE_URL, into an Npgsql connection string.</summary>
public static class PostgresUrl
{
    public static string ToConnectionString(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException($"DATABASE_URL must start with postgres:// or postgresql://, not {uri.Scheme}://");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            // The broker allows a limited number of connections per database; a few per instance is plenty.
            MaxPoolSize = 5,
        };
        return builder.ConnectionString;
    }
}
