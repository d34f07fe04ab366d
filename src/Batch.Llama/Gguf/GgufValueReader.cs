using System.Text;

namespace Batch.Llama.Gguf;

/// <summary>Reads GGUF primitives, rejecting lengths that could not fit in the file (so garbage never allocates gigabytes).</summary>
internal sealed class GgufValueReader(BinaryReader reader, long fileLength)
{
    private const int MaxDimensions = 8;

    // 2^48 elements: far beyond any real model, small enough that sums of tensor sizes cannot overflow a long.
    private const ulong MaxElements = 1UL << 48;

    public long Position => reader.BaseStream.Position;

    public int ReadCount(string what, int minBytesEach)
    {
        var count = reader.ReadUInt64();
        if (count > int.MaxValue || count * (ulong)minBytesEach > (ulong)(fileLength - Position))
        {
            throw new InvalidDataException($"{what} {count} does not fit in the file.");
        }

        return (int)count;
    }

    public string ReadString()
    {
        var length = ReadCount("string length", minBytesEach: 1);
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? Encoding.UTF8.GetString(bytes) : throw new EndOfStreamException();
    }

    public GgufValue ReadValue()
    {
        var type = ReadType();
        if (type != GgufValueType.Array)
        {
            return GgufValue.FromRead(type, ReadScalar(type));
        }

        var elementType = ReadType();
        if (elementType == GgufValueType.Array)
        {
            throw new InvalidDataException("nested arrays are not supported.");
        }

        var count = ReadCount("array length", minBytesEach: Math.Max(1, ScalarSize(elementType)));
        var items = elementType switch
        {
            GgufValueType.String => (Array)ReadArray(count, ReadString),
            GgufValueType.Float32 => ReadArray(count, reader.ReadSingle),
            GgufValueType.Int32 => ReadArray(count, reader.ReadInt32),
            GgufValueType.UInt32 => ReadArray(count, reader.ReadUInt32),
            _ => ReadArray(count, () => ReadScalar(elementType)),
        };
        return GgufValue.FromRead(GgufValueType.Array, items, elementType);
    }

    public GgufTensorInfo ReadTensorInfo()
    {
        var name = ReadString();
        var dimensionCount = reader.ReadUInt32();
        if (dimensionCount is 0 or > MaxDimensions)
        {
            throw new InvalidDataException($"tensor '{name}' has {dimensionCount} dimensions.");
        }

        var dimensions = new ulong[dimensionCount];
        var elements = 1UL;
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = reader.ReadUInt64();
            elements = dimensions[i] <= MaxElements && elements * dimensions[i] <= MaxElements
                ? elements * dimensions[i]
                : throw new InvalidDataException($"tensor '{name}' claims more than {MaxElements} elements.");
        }

        var type = (GgufTensorType)reader.ReadUInt32();
        var offset = reader.ReadUInt64();
        return new GgufTensorInfo(name, dimensions, type, offset);
    }

    private GgufValueType ReadType()
    {
        var raw = reader.ReadUInt32();
        if (raw > (uint)GgufValueType.Float64)
        {
            throw new InvalidDataException($"unknown value type {raw}.");
        }

        return (GgufValueType)raw;
    }

    private object ReadScalar(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => reader.ReadByte(),
        GgufValueType.Int8 => reader.ReadSByte(),
        GgufValueType.UInt16 => reader.ReadUInt16(),
        GgufValueType.Int16 => reader.ReadInt16(),
        GgufValueType.UInt32 => reader.ReadUInt32(),
        GgufValueType.Int32 => reader.ReadInt32(),
        GgufValueType.Float32 => reader.ReadSingle(),
        GgufValueType.Bool => reader.ReadByte() != 0,
        GgufValueType.String => ReadString(),
        GgufValueType.UInt64 => reader.ReadUInt64(),
        GgufValueType.Int64 => reader.ReadInt64(),
        GgufValueType.Float64 => reader.ReadDouble(),
        _ => throw new InvalidDataException($"unexpected value type {type}."),
    };

    private static T[] ReadArray<T>(int count, Func<T> read)
    {
        var items = new T[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read();
        }

        return items;
    }

    private static int ScalarSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.String or GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => 1,
    };
}
