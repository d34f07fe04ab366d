namespace Batch.Llama.Gguf;

/// <summary>One tensor's entry in a GGUF header: name, shape (innermost first), type and data offset.</summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, GgufTensorType Type, ulong Offset)
{
    /// <summary>The number of elements (the product of the dimensions).</summary>
    public ulong ElementCount
    {
        get
        {
            ulong count = 1;
            foreach (var dimension in Dimensions)
            {
                count *= dimension;
            }

            return count;
        }
    }
}
