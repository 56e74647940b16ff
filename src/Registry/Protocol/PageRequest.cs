using System.Globalization;

namespace MiniPaas.Registry.Protocol;

/// <summary>The <c>n</c> and <c>last</c> query parameters shared by the tag list and the catalog.</summary>
internal sealed record PageRequest(int? Count, string? Last)
{
    public static PageRequest FromQuery(IQueryCollection query)
    {
        int? count = null;
        var rawCount = query["n"].ToString();
        if (rawCount.Length > 0)
        {
            if (!int.TryParse(rawCount, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new RegistryException(
                    StatusCodes.Status400BadRequest,
                    RegistryErrorCode.PaginationNumberInvalid,
                    $"query parameter n=\"{rawCount}\" is not a non-negative integer");
            }

            count = parsed;
        }

        var last = query["last"].ToString();
        return new PageRequest(count, last.Length > 0 ? last : null);
    }

    /// <summary>
    /// Takes one page out of an ordinally sorted list and, when more remain, sets the spec's
    /// <c>Link: &lt;...&gt;; rel="next"</c> header so clients can follow it without guessing.
    /// </summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> sorted, HttpResponse response, string path)
    {
        var start = 0;
        if (Last is not null)
        {
            while (start < sorted.Count && string.CompareOrdinal(sorted[start], Last) <= 0)
            {
                start++;
            }
        }

        var remaining = sorted.Count - start;
        if (Count is not { } count || count >= remaining)
        {
            return sorted.Skip(start).ToArray();
        }

        var page = sorted.Skip(start).Take(count).ToArray();
        if (page.Length > 0)
        {
            var next = FormattableString.Invariant($"{path}?n={count}&last={Uri.EscapeDataString(page[^1])}");
            response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return page;
    }
}
