using System.Buffers.Binary;

namespace Batch.Llama.Gguf;

/// <summary>Writes a GGUF v3 file: header and metadata from memory, tensor data streamed from generators.</summary>
public sealed class GgufWriter
{
    /// <summary>The file magic "GGUF" read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The GGUF version this writer produces.</summary>
    public const uint Version = 3;

    /// <summary>llama.cpp's default data alignment.</summary>
    public const uint DefaultAlignment = 32;

    private const int ChunkElements = 1 << 16;

    private readonly List<KeyValuePair<string, GgufValue>> _values = [];
    private readonly List<GgufTensorSpec> _tensors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Creates a writer whose tensor data is aligned to <paramref name="alignment"/> bytes (a power of two).</summary>
    public GgufWriter(uint alignment = DefaultAlignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a power of two.");
        }

        Alignment = alignment;
    }

    /// <summary>The tensor data alignment in bytes.</summary>
    public uint Alignment { get; }

    /// <summary>Adds a metadata key/value; keys must be unique.</summary>
    public void Add(string key, GgufValue value)
    {
        if (!_names.Add("kv:" + key))
        {
            throw new ArgumentException($"Duplicate GGUF key '{key}'.", nameof(key));
        }

        if (key == "general.alignment" && !(value.TryGetInteger(out var declared) && declared == Alignment))
        {
            throw new ArgumentException($"general.alignment must equal the writer's alignment {Alignment}.", nameof(value));
        }

        _values.Add(new(key, value));
    }

    /// <summary>Adds a tensor; only F32 and F16 storage is supported.</summary>
    public void AddTensor(GgufTensorSpec tensor)
    {
        if (tensor.Type is not (GgufTensorType.F32 or GgufTensorType.F16))
        {
            throw new ArgumentException($"Tensor '{tensor.Name}': only F32 and F16 can be written.", nameof(tensor));
        }

        if (!_names.Add("tensor:" + tensor.Name))
        {
            throw new ArgumentException($"Duplicate tensor '{tensor.Name}'.", nameof(tensor));
        }

        _tensors.Add(tensor);
    }

    /// <summary>Writes the whole file to <paramref name="stream"/>, generating tensor data chunk by chunk.</summary>
    public void WriteTo(Stream stream)
    {
        var output = new GgufStreamWriter(stream);
        output.WriteUInt32(Magic);
        output.WriteUInt32(Version);
        output.WriteUInt64((ulong)_tensors.Count);
        output.WriteUInt64((ulong)_values.Count);
        foreach (var (key, value) in _values)
        {
            output.WriteString(key);
            output.WriteValue(value);
        }

        WriteTensorInfos(output);
        output.PadTo(Alignment);

        var floats = new float[ChunkElements];
        var bytes = new byte[ChunkElements * 4];
        foreach (var tensor in _tensors)
        {
            WriteTensorData(output, tensor, floats, bytes);
            output.PadTo(Alignment);
        }
    }

    private void WriteTensorInfos(GgufStreamWriter output)
    {
        ulong offset = 0;
        foreach (var tensor in _tensors)
        {
            output.WriteString(tensor.Name);
            output.WriteUInt32((uint)tensor.Dimensions.Count);
            foreach (var dimension in tensor.Dimensions)
            {
                output.WriteUInt64(dimension);
            }

            output.WriteUInt32((uint)tensor.Type);
            output.WriteUInt64(offset);
            offset = GgufStreamWriter.Align(offset + tensor.DataBytes, Alignment);
        }
    }

    private static void WriteTensorData(GgufStreamWriter output, GgufTensorSpec tensor, float[] floats, byte[] bytes)
    {
        var fill = tensor.CreateGenerator();
        var remaining = tensor.ElementCount;
        while (remaining > 0)
        {
            var count = (int)Math.Min(remaining, (ulong)floats.Length);
            var chunk = floats.AsSpan(0, count);
            fill(chunk);
            output.WriteBytes(tensor.Type == GgufTensorType.F16 ? EncodeF16(chunk, bytes) : EncodeF32(chunk, bytes));
            remaining -= (ulong)count;
        }
    }

    private static ReadOnlySpan<byte> EncodeF16(ReadOnlySpan<float> values, byte[] bytes)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2, 2), (Half)values[i]);
        }

        return bytes.AsSpan(0, values.Length * 2);
    }

    private static ReadOnlySpan<byte> EncodeF32(ReadOnlySpan<float> values, byte[] bytes)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4, 4), values[i]);
        }

        return bytes.AsSpan(0, values.Length * 4);
    }
}
