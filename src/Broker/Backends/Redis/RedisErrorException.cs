namespace MiniPaas.Broker.Backends.Redis;

/// <summary>An error reply (<c>-ERR ...</c>, <c>-NOPERM ...</c>) from Redis.</summary>
internal sealed class RedisErrorException : Exception
{
    public RedisErrorException(string command, string reply)
        : base($"Redis answered {command} with: {reply}")
    {
        Reply = reply;
    }

    /// <summary>The error line as Redis sent it, e.g. <c>WRONGPASS invalid username-password pair</c>.</summary>
    public string Reply { get; }
}
