namespace MiniPaas.LogAggregator.Model;

/// <summary>LineStream is the output stream a line came from; stored as one byte.</summary>
internal enum LineStream : byte
{
    Out = 1,
    Err = 2,
}
