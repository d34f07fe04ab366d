namespace Batch.Llama.Synthetic;

/// <summary>The storage a synthetic model is written in: F16 straight from the generator, or quantized by llama.cpp.</summary>
public enum SyntheticQuantization
{
    F16,
    Q8_0,
    Q4_K_M,
}
