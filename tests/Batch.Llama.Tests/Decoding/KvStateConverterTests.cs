using System.Buffers.Binary;
using Batch.Core.Decoding;
using Batch.Llama.Decoding;

namespace Batch.Llama.Tests.Decoding;

public sealed class KvStateConverterTests
{
    private const int Values = 64;

    [Fact]
    public void Rotate_IsItsOwnInverse_AndKeepsTheNorm()
    {
        var random = new Random(1);
        var original = Enumerable.Range(0, Values).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray();
        var rotated = original.ToArray();
        KvStateConverter.Rotate(rotated);
        Assert.NotEqual(original[0], rotated[0], 3);
        Assert.Equal(Norm(original), Norm(rotated), 3);
        KvStateConverter.Rotate(rotated);
        for (var i = 0; i < Values; i++) Assert.Equal(original[i], rotated[i], 4);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(256)]
    public void Rotate_IsTheNormalizedHadamardMatrix(int width)
    {
        var random = new Random(width);
        var values = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        // H[i, j] = (-1)^popcount(i & j) / √n, computed in double as the reference.
        var expected = Enumerable.Range(0, width)
            .Select(i => Enumerable.Range(0, width).Sum(j => (System.Numerics.BitOperations.PopCount((uint)(i & j)) % 2 == 0 ? 1.0 : -1.0) * values[j]) / Math.Sqrt(width))
            .ToArray();

        KvStateConverter.Rotate(values);

        for (var i = 0; i < width; i++) Assert.Equal(expected[i], values[i], 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(64)]
    public void ToQ8_0_PlacesTheCellsInTheDestinationStream_AndQuantizesEveryRow(int rotation)
    {
        var rows = Enumerable.Range(0, 4).Select(r => Enumerable.Range(0, Values).Select(i => MathF.Sin(r * 7 + i) * (r + 1)).ToArray()).ToArray();
        var state = F16State(tag: 0xBEEF, sequence: 5, positions: [0, 1], rows);

        var converted = KvStateConverter.ToQ8_0(state, destinationStreams: 3, destinationSequence: 2, rotation);

        var at = 0;
        uint U32() { var v = BinaryPrimitives.ReadUInt32LittleEndian(converted.AsSpan(at)); at += 4; return v; }
        Assert.Equal(0xBEEFu, U32());
        Assert.Equal(2u, U32());                 // the destination's sequence id
        Assert.Equal(3u, U32());                 // the destination's stream count
        Assert.Equal([0u, 0u, 2u], new[] { U32(), U32(), U32() });   // streams 0 and 1 empty, then 2 cells
        foreach (var position in new uint[] { 0, 1 }) Assert.Equal([position, 1u, 2u], new[] { U32(), U32(), U32() });
        Assert.Equal([0u, 1u], new[] { U32(), U32() });              // v_trans, layers
        foreach (var tensor in new[] { 0, 2 })   // K rows 0-1, then V rows 2-3
        {
            Assert.Equal(8u, U32());             // GGML_TYPE_Q8_0
            Assert.Equal(68ul, BinaryPrimitives.ReadUInt64LittleEndian(converted.AsSpan(at)));
            at += 8;
            for (var cell = 0; cell < 2; cell++)
            {
                var expected = rows[tensor + cell].ToArray();
                if (rotation > 0) for (var g = 0; g < Values; g += rotation) KvStateConverter.Rotate(expected.AsSpan(g, rotation));
                var actual = Dequantize(converted.AsSpan(at, 68));
                at += 68;
                var step = expected.Max(MathF.Abs) / 127f;
                for (var i = 0; i < Values; i++) Assert.InRange(actual[i] - expected[i], -step, step);
            }
        }
        Assert.Equal(converted.Length, at);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    public void Convert_QuantizesTheKeys_AndCopiesPlainF16Values(int keyRotation)
    {
        var rows = Enumerable.Range(0, 4).Select(r => Enumerable.Range(0, Values).Select(i => MathF.Cos(r * 5 + i) * (r + 2)).ToArray()).ToArray();
        var state = F16State(tag: 7, sequence: 0, positions: [0, 1], rows);
        var valueBytes = state.AsSpan(state.Length - 2 * Values * 2).ToArray();

        var converted = KvStateConverter.Convert(state, destinationStreams: 1, destinationSequence: 0,
            new KvRowFormat(KvCacheType.Q8_0, keyRotation), new KvRowFormat(KvCacheType.F16, 0));

        // Header (tag, sequence, streams, cells), two cells of {position, 1, sequence}, v_trans and layers: 48 bytes.
        var at = 48;
        Assert.Equal(8, BinaryPrimitives.ReadInt32LittleEndian(converted.AsSpan(at)));
        at += 12;
        for (var cell = 0; cell < 2; cell++, at += 68)
        {
            var expected = rows[cell].ToArray();
            if (keyRotation > 0) KvStateConverter.Rotate(expected);
            var actual = Dequantize(converted.AsSpan(at, 68));
            var step = expected.Max(MathF.Abs) / 127f;
            for (var i = 0; i < Values; i++) Assert.InRange(actual[i] - expected[i], -step, step);
        }
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(converted.AsSpan(at)));
        Assert.Equal((ulong)(Values * 2), BinaryPrimitives.ReadUInt64LittleEndian(converted.AsSpan(at + 4)));
        Assert.Equal(valueBytes, converted.AsSpan(at + 12).ToArray());
    }

    [Fact]
    public void Convert_RotatesF16Rows_WhenTheDestinationStoresThemRotated()
    {
        var rows = Enumerable.Range(0, 2).Select(r => Enumerable.Range(0, Values).Select(i => MathF.Sin(r + i * 3) * 3).ToArray()).ToArray();
        var state = F16State(tag: 7, sequence: 0, positions: [0], rows);

        var converted = KvStateConverter.Convert(state, 1, 0, new KvRowFormat(KvCacheType.F16, 0), new KvRowFormat(KvCacheType.F16, 32));

        var at = converted.Length - Values * 2;
        var expected = rows[1].Select(v => (float)(Half)v).ToArray();   // the state holds the rows as f16
        for (var g = 0; g < Values; g += 32) KvStateConverter.Rotate(expected.AsSpan(g, 32));
        for (var i = 0; i < Values; i++)
            Assert.Equal(expected[i], (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(converted.AsSpan(at + 2 * i))), MathF.Abs(expected[i]) / 1024 + 1e-3f);
    }

    [Fact]
    public void Convert_RefusesATypeItCannotWrite()
    {
        var state = F16State(1, 0, [0], [new float[Values], new float[Values]]);
        Assert.Throws<ArgumentException>(() => KvStateConverter.Convert(state, 1, 0, new KvRowFormat(KvCacheType.Q4_0, 0), new KvRowFormat(KvCacheType.F16, 0)));
    }

    [Fact]
    public void ToQ8_0_RefusesAStateThatIsNotF16()
    {
        var state = F16State(1, 0, [0], [new float[Values], new float[Values]]);
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(8 + 4 + 4 + 12 + 8), 0);   // K's type: f32
        Assert.Throws<InvalidOperationException>(() => KvStateConverter.ToQ8_0(state, 1, 0, 0));
    }

    // One stream, one layer: the cells' K rows are rows[0..cells), their V rows the rest.
    private static byte[] F16State(uint tag, uint sequence, uint[] positions, float[][] rows)
    {
        var output = new List<byte>();
        void U32(uint v) => output.AddRange(BitConverter.GetBytes(v));
        U32(tag);
        U32(sequence);
        U32(1);
        U32((uint)positions.Length);
        foreach (var position in positions)
        {
            U32(position);
            U32(1);
            U32(sequence);
        }
        U32(0);
        U32(1);
        for (var tensor = 0; tensor < 2; tensor++)
        {
            U32(1);
            output.AddRange(BitConverter.GetBytes((ulong)(Values * 2)));
            for (var cell = 0; cell < positions.Length; cell++)
                foreach (var v in rows[tensor * positions.Length + cell]) output.AddRange(BitConverter.GetBytes((Half)v));
        }
        return output.ToArray();
    }

    private static float[] Dequantize(ReadOnlySpan<byte> row)
    {
        var values = new float[Values];
        for (var block = 0; block < Values / 32; block++)
        {
            var scale = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(row[(block * 34)..]));
            for (var j = 0; j < 32; j++) values[block * 32 + j] = scale * (sbyte)row[block * 34 + 2 + j];
        }
        return values;
    }

    private static float Norm(float[] values) => MathF.Sqrt(values.Sum(v => v * v));
}
