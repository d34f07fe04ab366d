using System.Buffers.Binary;
using System.Text;

namespace Batch.Llama.Gguf;

/// <summary>Little-endian GGUF primitives over a stream, counting the bytes written so padding needs no seeking.</summary>
internal sealed class GgufStreamWriter(Stream stream)
{
    private readonly byte[] _scratch = new byte[8];

    public long Position { get; private set; }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_scratch, value);
        WriteBytes(_scratch.AsSpan(0, 4));
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_scratch, value);
        WriteBytes(_scratch.AsSpan(0, 8));
    }

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUInt64((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void PadTo(uint alignment)
    {
        Span<byte> zeros = stackalloc byte[64];
        zeros.Clear();
        var padding = (int)(Align((ulong)Position, alignment) - (ulong)Position);
        while (padding > 0)
        {
            var count = Math.Min(padding, zeros.Length);
            WriteBytes(zeros[..count]);
            padding -= count;
        }
    }

    public void WriteValue(GgufValue value)
    {
        WriteUInt32((uint)value.Type);
        if (value.Type == GgufValueType.Array)
        {
            WriteArray(value.ElementType, (Array)value.Value);
            return;
        }

        WriteScalar(value.Value);
    }

    public static ulong Align(ulong offset, uint alignment) => (offset + alignment - 1) / alignment * alignment;

    private void WriteArray(GgufValueType elementType, Array items)
    {
        WriteUInt32((uint)elementType);
        WriteUInt64((ulong)items.Length);
        foreach (var item in items)
        {
            WriteScalar(item!);
        }
    }

    private void WriteScalar(object value)
    {
        switch (value)
        {
            case string s: WriteString(s); break;
            case uint u: WriteUInt32(u); break;
            case int i: WriteUInt32(unchecked((uint)i)); break;
            case float f: WriteUInt32(BitConverter.SingleToUInt32Bits(f)); break;
            case bool b: WriteBytes([b ? (byte)1 : (byte)0]); break;
            default: throw new NotSupportedException($"GGUF writer does not support {value.GetType().Name} values.");
        }
    }
}
