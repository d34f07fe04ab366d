using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Batch.Core.Decoding;

namespace Batch.Llama.Decoding;

/// <summary>
/// Rewrites one sequence's KV state, as <c>llama_state_seq_get_data</c> writes it from an f16 cache, into the
/// state another context accepts with <c>llama_state_seq_set_data</c>: the stream count and sequence id of the
/// destination, and each half's rows in the destination's format (f16 or q8_0), rotated first when the
/// destination's cache stores them rotated.
/// </summary>
/// <remarks>
/// The layout (this llama.cpp build): u32 tag, u32 sequence id, u32 stream count (must equal the reader's), then
/// per stream a u32 cell count and, when non-zero, per cell {i32 position, u32 n, n × i32 sequence id}, then
/// u32 v_trans, u32 layer count, and per layer for K and then V {i32 type, u64 row bytes, rows}.
/// </remarks>
public static class KvStateConverter
{
    private const int F16Type = 1;
    private const int Q8_0Type = 8;
    private const int BlockValues = 32;
    private const int BlockBytes = 34;

    // Every f16 bit pattern as a float: a table load is several times cheaper than converting each Half.
    private static readonly ImmutableArray<float> HalfToSingle = [.. Enumerable.Range(0, 1 << 16).Select(bits => (float)BitConverter.UInt16BitsToHalf((ushort)bits))];

    /// <summary>Converts <paramref name="state"/> (one sequence, f16 rows, no transposed V) to q8_0 keys and values, each group of <paramref name="rotationWidth"/> values rotated (0: plain).</summary>
    public static byte[] ToQ8_0(ReadOnlySpan<byte> state, int destinationStreams, int destinationSequence, int rotationWidth) =>
        Convert(state, destinationStreams, destinationSequence, new KvRowFormat(KvCacheType.Q8_0, rotationWidth), new KvRowFormat(KvCacheType.Q8_0, rotationWidth));

    /// <summary>Converts <paramref name="state"/> (one sequence, f16 rows, no transposed V) for sequence <paramref name="destinationSequence"/> of a context with <paramref name="destinationStreams"/> streams whose cache stores keys and values as given.</summary>
    public static byte[] Convert(ReadOnlySpan<byte> state, int destinationStreams, int destinationSequence, KvRowFormat keys, KvRowFormat values)
    {
        if (!KvRowFormat.CanWrite(keys.Type) || !KvRowFormat.CanWrite(values.Type))
            throw new ArgumentException($"rows can be written as f16 or q8_0, not {keys.Type}/{values.Type}");
        var reader = new Reader(state);
        var output = new byte[state.Length + 4 * (destinationStreams + 1)];
        var writer = new Writer(output);
        writer.U32(reader.U32());
        reader.U32();
        writer.U32((uint)destinationSequence);
        var sourceStreams = reader.U32();
        writer.U32((uint)destinationStreams);
        var written = false;
        for (var stream = 0; stream < sourceStreams; stream++)
        {
            var cells = reader.U32();
            if (cells == 0) continue;
            if (written) throw new InvalidOperationException("a sequence's state holds cells in more than one stream");
            for (var s = 0; s < destinationSequence; s++) writer.U32(0);
            writer.U32(cells);
            CopyCells(ref reader, ref writer, cells, destinationSequence);
            ConvertRows(ref reader, ref writer, cells, keys, values);
            for (var s = destinationSequence + 1; s < destinationStreams; s++) writer.U32(0);
            written = true;
        }
        if (!written) for (var s = 0; s < destinationStreams; s++) writer.U32(0);
        if (!reader.AtEnd) throw new InvalidOperationException("the KV state has bytes this converter does not understand");
        return output.AsSpan(0, writer.Position).ToArray();
    }

    /// <summary>The normalized Walsh–Hadamard transform, in place; the length is a power of two.</summary>
    public static void Rotate(Span<float> values)
    {
        Butterflies(values);
        var scale = 1f / MathF.Sqrt(values.Length);
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
    }

    // The unnormalized transform: the 1/√n factor is folded into each q8_0 block's scale instead. Moving a
    // prompt's KV sits between two decode steps, so the groups of 8 or more go through 8-lane vectors; every
    // lane does the scalar loop's additions in the scalar loop's order, so the results are the same bits.
    private static void Butterflies(Span<float> values)
    {
        if (!Vector256.IsHardwareAccelerated || values.Length % Vector256<float>.Count != 0)
        {
            ScalarButterflies(values);
            return;
        }
        var vectors = MemoryMarshal.Cast<float, Vector256<float>>(values);
        for (var i = 0; i < vectors.Length; i++) vectors[i] = ButterfliesWithin(vectors[i]);
        for (var h = 1; h < vectors.Length; h *= 2)
        {
            for (var i = 0; i < vectors.Length; i += 2 * h)
            {
                for (var j = i; j < i + h; j++)
                {
                    var (a, b) = (vectors[j], vectors[j + h]);
                    vectors[j] = a + b;
                    vectors[j + h] = a - b;
                }
            }
        }
    }

    // The stages of distance 1, 2 and 4 inside one vector: each lane adds its partner, or takes itself from it.
    private static Vector256<float> ButterfliesWithin(Vector256<float> x)
    {
        x = Vector256.Shuffle(x, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)) + x * Vector256.Create(1f, -1f, 1f, -1f, 1f, -1f, 1f, -1f);
        x = Vector256.Shuffle(x, Vector256.Create(2, 3, 0, 1, 6, 7, 4, 5)) + x * Vector256.Create(1f, 1f, -1f, -1f, 1f, 1f, -1f, -1f);
        return Vector256.Shuffle(x, Vector256.Create(4, 5, 6, 7, 0, 1, 2, 3)) + x * Vector256.Create(1f, 1f, 1f, 1f, -1f, -1f, -1f, -1f);
    }

    private static void ScalarButterflies(Span<float> values)
    {
        for (var h = 1; h < values.Length; h *= 2)
        {
            for (var i = 0; i < values.Length; i += 2 * h)
            {
                for (var j = i; j < i + h; j++)
                {
                    var (a, b) = (values[j], values[j + h]);
                    values[j] = a + b;
                    values[j + h] = a - b;
                }
            }
        }
    }

    private static void CopyCells(ref Reader reader, ref Writer writer, uint cells, int destinationSequence)
    {
        for (var c = 0; c < cells; c++)
        {
            writer.U32(reader.U32());
            var sequences = reader.U32();
            writer.U32(sequences);
            for (var s = 0; s < sequences; s++)
            {
                reader.U32();
                writer.U32((uint)destinationSequence);
            }
        }
    }

    private static void ConvertRows(ref Reader reader, ref Writer writer, uint cells, KvRowFormat keys, KvRowFormat values)
    {
        if (reader.U32() != 0) throw new InvalidOperationException("a transposed V cache cannot be converted");
        writer.U32(0);
        var layers = reader.U32();
        writer.U32(layers);
        // K of every layer, then V of every layer.
        for (var tensor = 0; tensor < 2 * layers; tensor++)
        {
            var format = tensor < layers ? keys : values;
            if (reader.I32() != F16Type) throw new InvalidOperationException("only an f16 state can be converted");
            var sourceBytes = reader.U64();
            var count = checked((int)(sourceBytes / 2));
            if (format is { Type: KvCacheType.F16, RotationWidth: 0 })
            {
                writer.I32(F16Type);
                writer.U64(sourceBytes);
                reader.Take(checked((int)(sourceBytes * cells))).CopyTo(writer.Take(checked((int)(sourceBytes * cells))));
                continue;
            }
            if (format.RotationWidth > 0 && count % format.RotationWidth != 0)
                throw new InvalidOperationException($"rows of {count} values do not split into groups of {format.RotationWidth}");
            if (format.Type == KvCacheType.Q8_0) ConvertToQ8_0(ref reader, ref writer, cells, count, format.RotationWidth);
            else RotateF16(ref reader, ref writer, cells, count, format.RotationWidth);
        }
    }

    private static void ConvertToQ8_0(ref Reader reader, ref Writer writer, uint cells, int count, int rotationWidth)
    {
        if (count % BlockValues != 0) throw new InvalidOperationException($"rows of {count} values do not split into q8_0 blocks");
        var rowBytes = count / BlockValues * BlockBytes;
        writer.I32(Q8_0Type);
        writer.U64((ulong)rowBytes);
        var row = new float[count];
        var scale = rotationWidth > 0 ? 1f / MathF.Sqrt(rotationWidth) : 1f;
        for (var c = 0; c < cells; c++)
        {
            Widen(reader.Take(count * 2), row);
            if (rotationWidth > 0)
                for (var g = 0; g < count; g += rotationWidth) Butterflies(row.AsSpan(g, rotationWidth));
            Quantize(row, scale, writer.Take(rowBytes));
        }
    }

    private static void RotateF16(ref Reader reader, ref Writer writer, uint cells, int count, int rotationWidth)
    {
        writer.I32(F16Type);
        writer.U64((ulong)(count * 2));
        var row = new float[count];
        for (var c = 0; c < cells; c++)
        {
            Widen(reader.Take(count * 2), row);
            for (var g = 0; g < count; g += rotationWidth) Rotate(row.AsSpan(g, rotationWidth));
            var output = MemoryMarshal.Cast<byte, ushort>(writer.Take(count * 2));
            for (var i = 0; i < count; i++) output[i] = BitConverter.HalfToUInt16Bits((Half)row[i]);
        }
    }

    private static void Widen(ReadOnlySpan<byte> halves, Span<float> row)
    {
        var bits = MemoryMarshal.Cast<byte, ushort>(halves);
        for (var i = 0; i < row.Length; i++) row[i] = HalfToSingle[bits[i]];
    }

    // ggml's q8_0: one f16 scale (max |x| / 127) and 32 int8 values per block, rounded half to even as its
    // vectorized CPU quantizer does. The values are row × factor; the factor only scales each block's scale.
    private static void Quantize(ReadOnlySpan<float> row, float factor, Span<byte> output)
    {
        for (var block = 0; block < row.Length / BlockValues; block++)
        {
            var values = row.Slice(block * BlockValues, BlockValues);
            var target = output.Slice(block * BlockBytes, BlockBytes);
            if (Vector256.IsHardwareAccelerated) QuantizeBlock(MemoryMarshal.Cast<float, Vector256<float>>(values), factor, target);
            else ScalarQuantizeBlock(values, factor, target);
        }
    }

    // The same operations as the scalar block, 8 lanes at a time: max is exact in any order, and Round is to even.
    private static void QuantizeBlock(ReadOnlySpan<Vector256<float>> values, float factor, Span<byte> target)
    {
        var maxima = Vector256.Max(Vector256.Max(Vector256.Abs(values[0]), Vector256.Abs(values[1])), Vector256.Max(Vector256.Abs(values[2]), Vector256.Abs(values[3])));
        var max = 0f;
        for (var i = 0; i < Vector256<float>.Count; i++) max = MathF.Max(max, maxima[i]);
        var scale = max / 127f;
        var inverse = Vector256.Create(scale != 0 ? 1f / scale : 0f);
        BinaryPrimitives.WriteUInt16LittleEndian(target, BitConverter.HalfToUInt16Bits((Half)(scale * factor)));
        var low = Vector256.Narrow(Vector256.ConvertToInt32(Vector256.Round(values[0] * inverse)), Vector256.ConvertToInt32(Vector256.Round(values[1] * inverse)));
        var high = Vector256.Narrow(Vector256.ConvertToInt32(Vector256.Round(values[2] * inverse)), Vector256.ConvertToInt32(Vector256.Round(values[3] * inverse)));
        var bytes = Vector256.Narrow(low, high);
        bytes.AsByte().CopyTo(target[2..]);
    }

    private static void ScalarQuantizeBlock(ReadOnlySpan<float> values, float factor, Span<byte> target)
    {
        var max = 0f;
        foreach (var v in values) max = MathF.Max(max, MathF.Abs(v));
        var scale = max / 127f;
        var inverse = scale != 0 ? 1f / scale : 0f;
        BinaryPrimitives.WriteUInt16LittleEndian(target, BitConverter.HalfToUInt16Bits((Half)(scale * factor)));
        for (var j = 0; j < BlockValues; j++)
            target[2 + j] = unchecked((byte)(sbyte)MathF.Round(values[j] * inverse));
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public ReadOnlySpan<byte> Take(int count)
        {
            var slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public int I32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    }

    private ref struct Writer(Span<byte> data)
    {
        private readonly Span<byte> _data = data;

        public int Position { get; private set; }

        public Span<byte> Take(int count)
        {
            var slice = _data.Slice(Position, count);
            Position += count;
            return slice;
        }

        public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

        public void I32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

        public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);
    }
}
