using System.Buffers.Binary;
using Batch.Llama.Gguf;

namespace Batch.Llama.Tests.Gguf;

public sealed class GgufWriterTests
{
    [Fact]
    public void WriteTo_ThenRead_RoundTripsKeyValuesAndTensorInfos()
    {
        var writer = new GgufWriter();
        writer.Add("general.architecture", GgufValue.String("llama"));
        writer.Add("general.alignment", GgufValue.UInt32(32));
        writer.Add("a.u32", GgufValue.UInt32(7));
        writer.Add("a.i32", GgufValue.Int32(-3));
        writer.Add("a.f32", GgufValue.Float32(1.5f));
        writer.Add("a.bool", GgufValue.Bool(true));
        writer.Add("a.strings", GgufValue.StringArray(["x", "héllo", ""]));
        writer.Add("a.floats", GgufValue.Float32Array([0.25f, -2f]));
        writer.Add("a.ints", GgufValue.Int32Array([1, -1]));
        writer.AddTensor(Constant("t.f32", [3], GgufTensorType.F32, 2f));
        writer.AddTensor(Constant("t.f16", [5, 2], GgufTensorType.F16, 0.5f));

        var metadata = WriteAndRead(writer, out _);

        Assert.Equal(3u, metadata.Version);
        Assert.Equal("llama", metadata.GetString("general.architecture"));
        Assert.Equal(7, metadata.GetInteger("a.u32"));
        Assert.Equal(-3, metadata.GetInteger("a.i32"));
        Assert.Equal(1.5, metadata.GetNumber("a.f32"));
        Assert.Equal(1, metadata.GetInteger("a.bool"));
        Assert.Equal(["x", "héllo", ""], (string[])metadata.Values["a.strings"].Value);
        Assert.Equal([0.25f, -2f], (float[])metadata.Values["a.floats"].Value);
        Assert.Equal([1, -1], (int[])metadata.Values["a.ints"].Value);
        Assert.Equal(2, metadata.Tensors.Count);
        Assert.Equal(new ulong[] { 5, 2 }, metadata.Tensors[1].Dimensions);
        Assert.Equal(GgufTensorType.F16, metadata.Tensors[1].Type);
    }

    [Fact]
    public void WriteTo_AlignsDataStartAndEveryTensorOffset()
    {
        var writer = new GgufWriter();
        writer.Add("k", GgufValue.String("odd length"));
        writer.AddTensor(Constant("a", [3], GgufTensorType.F32, 1f));
        writer.AddTensor(Constant("b", [7], GgufTensorType.F16, 1f));
        writer.AddTensor(Constant("c", [1], GgufTensorType.F32, 1f));

        var metadata = WriteAndRead(writer, out var bytes);

        Assert.Equal(0, metadata.DataOffset % 32);
        Assert.Equal([0UL, 32UL, 64UL], metadata.Tensors.Select(t => t.Offset));
        Assert.Equal(metadata.DataOffset + 96, bytes.Length);
    }

    [Fact]
    public void WriteTo_StoresF16AndF32ValuesLittleEndian()
    {
        var writer = new GgufWriter();
        writer.AddTensor(Constant("h", [2], GgufTensorType.F16, -1.25f));
        writer.AddTensor(Constant("f", [1], GgufTensorType.F32, 3.5f));

        var metadata = WriteAndRead(writer, out var bytes);

        var data = bytes.AsSpan((int)metadata.DataOffset);
        Assert.Equal((Half)(-1.25f), BinaryPrimitives.ReadHalfLittleEndian(data[2..]));
        Assert.Equal(3.5f, BinaryPrimitives.ReadSingleLittleEndian(data[(int)metadata.Tensors[1].Offset..]));
    }

    [Fact]
    public void WriteTo_CallsTheGeneratorWithConsecutiveChunksCoveringEveryElement()
    {
        var writer = new GgufWriter();
        var next = 0f;
        writer.AddTensor(new GgufTensorSpec("big", [70_000], GgufTensorType.F32, () => chunk =>
        {
            foreach (ref var value in chunk)
            {
                value = next++;
            }
        }));

        var metadata = WriteAndRead(writer, out var bytes);

        Assert.Equal(70_000f, next);
        var last = bytes.AsSpan((int)metadata.DataOffset + 69_999 * 4, 4);
        Assert.Equal(69_999f, BinaryPrimitives.ReadSingleLittleEndian(last));
    }

    [Fact]
    public void AddTensor_WithQuantizedType_Throws()
    {
        var writer = new GgufWriter();
        Assert.Throws<ArgumentException>(() => writer.AddTensor(Constant("q", [32], GgufTensorType.Q8_0, 0f)));
    }

    [Fact]
    public void Add_DuplicateKeyOrMismatchedAlignment_Throws()
    {
        var writer = new GgufWriter();
        writer.Add("k", GgufValue.Int32(1));
        Assert.Throws<ArgumentException>(() => writer.Add("k", GgufValue.Int32(2)));
        Assert.Throws<ArgumentException>(() => writer.Add("general.alignment", GgufValue.UInt32(64)));
    }

    internal static GgufTensorSpec Constant(string name, ulong[] dimensions, GgufTensorType type, float value) =>
        new(name, dimensions, type, () => chunk => chunk.Fill(value));

    private static GgufMetadata WriteAndRead(GgufWriter writer, out byte[] bytes)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        bytes = stream.ToArray();
        stream.Position = 0;
        Assert.True(GgufReader.TryRead(stream, "memory", out var metadata, out var error), error);
        return metadata;
    }
}
