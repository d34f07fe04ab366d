namespace Batch.Core.Decoding;

/// <summary>A KV-cache sequence slot of one decoder (llama.cpp's seq_id).</summary>
public readonly record struct SlotId(int Value)
{
    public override string ToString() => $"slot{Value}";
}
