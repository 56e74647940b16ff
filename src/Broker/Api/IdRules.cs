namespace MiniPaas.Broker.Api;

/// <summary>
/// Which instance and binding ids are accepted: the OSB API recommends RFC 3986 unreserved characters (letters,
/// digits, '-', '.', '_', '~'); this broker requires them, so ids never need escaping anywhere they appear.
/// </summary>
internal static class IdRules
{
    public const int MaxLength = 255;

    public static void Validate(string kind, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new BadRequestException($"The {kind} must not be empty.");
        }

        if (id.Length > MaxLength)
        {
            throw new BadRequestException($"The {kind} is {id.Length} characters long; at most {MaxLength} are allowed.");
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                throw new BadRequestException($"The {kind} \"{id}\" contains '{c}'; only letters, digits, '-', '.', '_' and '~' are allowed.");
            }
        }
    }
}
