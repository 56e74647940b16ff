using System.Text.RegularExpressions;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Services;

/// <summary>ServiceNames validates broker and service instance names (the same shape as app names).</summary>
internal static partial class ServiceNames
{
    /// <summary>Throws INVALID_ARGUMENT naming <paramref name="what"/> when <paramref name="name"/> is not a valid name.</summary>
    public static void Require(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"{what} is required");
        }

        if (!Pattern().IsMatch(name))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"invalid {what} '{name}': use 1-63 lowercase letters, digits and '-', starting with a letter");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
