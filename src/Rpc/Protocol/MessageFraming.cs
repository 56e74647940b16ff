using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>
/// Length-prefixed message framing shared by server and client: each message is a compressed
/// flag byte, a 4-byte big-endian length and the protobuf bytes. Reads parse straight from the
/// pipe's pooled segments; writes serialize straight into the pipe's pooled buffer.
/// </summary>
internal static class MessageFraming
{
    /// <summary>Writes one framed message into <paramref name="writer"/> without flushing.</summary>
    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message, int maxSize)
    {
        var size = CheckedSize(message, maxSize);
        var frameLength = GrpcProtocol.FrameHeaderSize + size;
        WriteFrame(writer.GetSpan(frameLength)[..frameLength], message, size);
        writer.Advance(frameLength);
    }

    /// <summary>The serialized size of <paramref name="message"/>, refused when over <paramref name="maxSize"/>.</summary>
    public static int CheckedSize(IMessage message, int maxSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {maxSize} bytes).");
        }

        return size;
    }

    /// <summary>Writes the frame header and message into <paramref name="frame"/>, which is exactly 5 + <paramref name="size"/> bytes.</summary>
    public static void WriteFrame(Span<byte> frame, IMessage message, int size)
    {
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.Slice(1, 4), (uint)size);
        message.WriteTo(frame.Slice(GrpcProtocol.FrameHeaderSize, size));
    }

    /// <summary>
    /// Reads the next message, or returns null when the stream ends cleanly between messages.
    /// Throws <see cref="RpcException"/> for an oversized, compressed, truncated or unparsable message.
    /// </summary>
    public static async ValueTask<T?> ReadMessageAsync<T>(PipeReader reader, MessageParser<T> parser, int maxSize, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            T? message;
            bool complete;
            try
            {
                complete = TryReadFrame(ref buffer, parser, maxSize, out message);
            }
            catch
            {
                reader.AdvanceTo(buffer.Start);
                throw;
            }

            if (complete)
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return default;
                }

                throw new RpcException(
                    StatusCode.Internal,
                    $"Incomplete message: the stream ended {buffer.Length} bytes into a message frame.");
            }

            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("Reading the message stream was canceled.");
            }

            // Nothing consumed, everything examined: the next ReadAsync waits for more bytes.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>On success, parses one message and moves <paramref name="buffer"/> past it.</summary>
    private static bool TryReadFrame<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, int maxSize, out T? message)
        where T : IMessage<T>
    {
        message = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                throw new RpcException(
                    StatusCode.Internal,
                    "Received a compressed message, but no grpc-encoding is supported here; send messages uncompressed (identity).");
            default:
                throw new RpcException(StatusCode.Internal, $"Invalid message frame: compressed flag is {header[0]}, expected 0 or 1.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxSize} bytes).");
        }

        var frameLength = GrpcProtocol.FrameHeaderSize + length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        var payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to parse {typeof(T).Name}: {ex.Message}", trailers: null, ex);
        }

        buffer = buffer.Slice(frameLength);
        return true;
    }
}
