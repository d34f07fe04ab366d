using System.Globalization;

namespace Batch.Llama.Gguf;

/// <summary>One GGUF metadata value: a scalar, a string, or an array of one element type.</summary>
public sealed class GgufValue
{
    private GgufValue(GgufValueType type, object value, GgufValueType elementType = GgufValueType.UInt8)
    {
        Type = type;
        Value = value;
        ElementType = elementType;
    }

    /// <summary>The value's type tag.</summary>
    public GgufValueType Type { get; }

    /// <summary>For arrays, the element type; otherwise meaningless.</summary>
    public GgufValueType ElementType { get; }

    /// <summary>The boxed scalar, the string, or a .NET array of the elements.</summary>
    public object Value { get; }

    /// <summary>The number of elements when this is an array, else 0.</summary>
    public int ArrayLength => Value is Array array ? array.Length : 0;

    /// <summary>A UTF-8 string value.</summary>
    public static GgufValue String(string value) => new(GgufValueType.String, value);

    /// <summary>An unsigned 32-bit value.</summary>
    public static GgufValue UInt32(uint value) => new(GgufValueType.UInt32, value);

    /// <summary>A signed 32-bit value.</summary>
    public static GgufValue Int32(int value) => new(GgufValueType.Int32, value);

    /// <summary>A 32-bit float value.</summary>
    public static GgufValue Float32(float value) => new(GgufValueType.Float32, value);

    /// <summary>A boolean value.</summary>
    public static GgufValue Bool(bool value) => new(GgufValueType.Bool, value);

    /// <summary>An array of strings.</summary>
    public static GgufValue StringArray(IReadOnlyList<string> values) =>
        new(GgufValueType.Array, values.ToArray(), GgufValueType.String);

    /// <summary>An array of 32-bit floats.</summary>
    public static GgufValue Float32Array(IReadOnlyList<float> values) =>
        new(GgufValueType.Array, values.ToArray(), GgufValueType.Float32);

    /// <summary>An array of signed 32-bit integers.</summary>
    public static GgufValue Int32Array(IReadOnlyList<int> values) =>
        new(GgufValueType.Array, values.ToArray(), GgufValueType.Int32);

    /// <summary>Wraps a value read from a file; the reader guarantees the CLR type matches the tag.</summary>
    internal static GgufValue FromRead(GgufValueType type, object value, GgufValueType elementType = GgufValueType.UInt8) =>
        new(type, value, elementType);

    /// <summary>Reads any integer-typed scalar (or a bool) as a long.</summary>
    public bool TryGetInteger(out long value)
    {
        switch (Value)
        {
            case byte v: value = v; return true;
            case sbyte v: value = v; return true;
            case ushort v: value = v; return true;
            case short v: value = v; return true;
            case uint v: value = v; return true;
            case int v: value = v; return true;
            case ulong v when v <= long.MaxValue: value = (long)v; return true;
            case long v: value = v; return true;
            case bool v: value = v ? 1 : 0; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>Reads any numeric scalar as a double.</summary>
    public bool TryGetNumber(out double value)
    {
        switch (Value)
        {
            case float v: value = v; return true;
            case double v: value = v; return true;
            default:
                var isInteger = TryGetInteger(out var integer);
                value = integer;
                return isInteger;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        string s => s,
        Array a => $"[{ElementType} × {a.Length}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}
