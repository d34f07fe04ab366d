using System.Buffers;
using System.Runtime.CompilerServices;

namespace Batch.IO.Jsonl;

/// <summary>Splits a byte stream on '\n' without decoding it, so bad UTF-8 can be reported per line.</summary>
public static class JsonlLineSplitter
{
    /// <summary>Each line (without its '\n') in a pooled buffer; dispose it after use.</summary>
    public static async IAsyncEnumerable<PooledLine> ReadLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    yield return PooledLine.Copy(buffer.AsSpan(start, newline - start));
                    start = newline + 1;
                    continue;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    if (end > start) yield return PooledLine.Copy(buffer.AsSpan(start, end - start));
                    yield break;
                }
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
