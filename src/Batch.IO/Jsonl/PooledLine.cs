using System.Buffers;

namespace Batch.IO.Jsonl;

/// <summary>One line's bytes in a rented buffer.</summary>
public readonly struct PooledLine : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _length;

    private PooledLine(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public static PooledLine Copy(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new PooledLine(buffer, bytes.Length);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
