namespace MiniPaas.Broker.Api;

/// <summary>Thrown while reading a request that is malformed or misses mandatory data; answered 400 with the message as description.</summary>
internal sealed class BadRequestException : Exception
{
    public BadRequestException(string message)
        : base(message)
    {
    }
}
