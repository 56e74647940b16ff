using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Query;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Api;

/// <summary>ProtoMapping converts between stored lines and the LogService messages.</summary>
internal static class ProtoMapping
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static LogRecord ToRecord(string app, LogLine line)
    {
        var entry = new LogEntry
        {
            App = app,
            SourceType = line.SourceType,
            SourceInstance = line.SourceInstance,
            Stream = line.Stream == LineStream.Err ? LogOutputStream.Err : LogOutputStream.Out,
            Timestamp = Timestamp.FromDateTimeOffset(line.Timestamp),
            Message = line.Message,
        };
        foreach (var (key, value) in line.Fields)
        {
            entry.Fields[key] = value;
        }

        return new LogRecord { Sequence = line.Sequence, Entry = entry };
    }

    /// <summary>The query's filter; throws INVALID_ARGUMENT naming the bad part.</summary>
    public static LineFilter ToFilter(LogQuery query)
    {
        HashSet<string>? types = null;
        if (query.SourceTypes.Count > 0)
        {
            foreach (var type in query.SourceTypes)
            {
                if (!LogSourceTypes.IsKnown(type))
                {
                    throw new RpcException(StatusCode.InvalidArgument, $"source type '{type}' is not one of {string.Join(", ", LogSourceTypes.All)}");
                }
            }

            types = new HashSet<string>(query.SourceTypes, StringComparer.Ordinal);
        }

        var since = ToTime(query.Since, "since");
        var until = ToTime(query.Until, "until");
        if (since is not null && until is not null && since >= until)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"since ({since:O}) must be before until ({until:O})");
        }

        return new LineFilter
        {
            SourceTypes = types,
            SourceInstance = string.IsNullOrEmpty(query.SourceInstance) ? null : query.SourceInstance,
            Since = since,
            Until = until,
            Text = string.IsNullOrEmpty(query.Text) ? null : query.Text,
        };
    }

    public static int ToLimit(LogQuery query)
    {
        if (query.Limit < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"limit must not be negative (was {query.Limit})");
        }

        return query.Limit == 0 ? DefaultLimit : Math.Min(query.Limit, MaxLimit);
    }

    private static DateTimeOffset? ToTime(Timestamp? timestamp, string name)
    {
        if (timestamp is null)
        {
            return null;
        }

        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"{name} is not a valid timestamp");
        }
    }
}
