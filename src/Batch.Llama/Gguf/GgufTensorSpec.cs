namespace Batch.Llama.Gguf;

/// <summary>A tensor to write: shape (innermost first), F32 or F16 storage, and a generator of its values.</summary>
/// <param name="CreateGenerator">Called once per write; the generator it returns is then called with consecutive
/// chunks, in order, until every element has been produced.</param>
public sealed record GgufTensorSpec(
    string Name,
    IReadOnlyList<ulong> Dimensions,
    GgufTensorType Type,
    Func<Action<Span<float>>> CreateGenerator)
{
    /// <summary>The number of elements (the product of the dimensions).</summary>
    public ulong ElementCount => new GgufTensorInfo(Name, Dimensions, Type, 0).ElementCount;

    /// <summary>Bytes of tensor data before alignment padding.</summary>
    public ulong DataBytes => ElementCount * (Type == GgufTensorType.F16 ? 2UL : 4UL);
}
