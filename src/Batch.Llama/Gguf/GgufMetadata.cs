namespace Batch.Llama.Gguf;

/// <summary>Everything in a GGUF file except the tensor data: version, key/values and tensor infos.</summary>
public sealed record GgufMetadata(
    uint Version,
    IReadOnlyDictionary<string, GgufValue> Values,
    IReadOnlyList<GgufTensorInfo> Tensors,
    uint Alignment,
    long DataOffset)
{
    /// <summary>A string value, or null when the key is absent or not a string.</summary>
    public string? GetString(string key) =>
        Values.TryGetValue(key, out var value) && value.Value is string text ? text : null;

    /// <summary>An integer value, or null when the key is absent or not an integer.</summary>
    public long? GetInteger(string key) =>
        Values.TryGetValue(key, out var value) && value.TryGetInteger(out var integer) ? integer : null;

    /// <summary>A numeric value, or null when the key is absent or not a number.</summary>
    public double? GetNumber(string key) =>
        Values.TryGetValue(key, out var value) && value.TryGetNumber(out var number) ? number : null;

    /// <summary>The length of an array value, or null when the key is absent or not an array.</summary>
    public int? GetArrayLength(string key) =>
        Values.TryGetValue(key, out var value) && value.Type == GgufValueType.Array ? value.ArrayLength : null;
}
