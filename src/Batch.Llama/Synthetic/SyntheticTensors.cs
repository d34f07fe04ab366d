using Batch.Llama.Gguf;

namespace Batch.Llama.Synthetic;

/// <summary>The tensors of a synthetic llama model, each filled from its own seeded random stream.</summary>
public static class SyntheticTensors
{
    // Projections use std 1/sqrt(fan-in), so each keeps unit scale and every layer visibly changes the residual
    // stream; the output matrix is scaled up so logits spread over several units and greedy picks rarely tie.
    private const double EmbeddingStd = 1.0;
    private const double OutputGain = 3.0;

    /// <summary>The tensor list in llama.cpp's usual order: embeddings, blocks, final norm, output.</summary>
    public static IEnumerable<GgufTensorSpec> For(SyntheticPreset preset, ulong seed)
    {
        ulong n = (ulong)preset.EmbeddingLength;
        ulong kv = (ulong)preset.KvEmbeddingLength;
        ulong ff = (ulong)preset.FeedForwardLength;
        ulong vocab = (ulong)preset.VocabularySize;
        yield return Matrix("token_embd.weight", n, vocab, EmbeddingStd, seed);
        for (var layer = 0; layer < preset.BlockCount; layer++)
        {
            var prefix = $"blk.{layer}.";
            yield return Norm(prefix + "attn_norm.weight", n);
            yield return Projection(prefix + "attn_q.weight", n, n, seed);
            yield return Projection(prefix + "attn_k.weight", n, kv, seed);
            yield return Projection(prefix + "attn_v.weight", n, kv, seed);
            yield return Projection(prefix + "attn_output.weight", n, n, seed);
            yield return Norm(prefix + "ffn_norm.weight", n);
            yield return Projection(prefix + "ffn_gate.weight", n, ff, seed);
            yield return Projection(prefix + "ffn_up.weight", n, ff, seed);
            yield return Projection(prefix + "ffn_down.weight", ff, n, seed);
        }

        yield return Norm("output_norm.weight", n);
        yield return Matrix("output.weight", n, vocab, OutputGain / Math.Sqrt(n), seed);
    }

    private static GgufTensorSpec Projection(string name, ulong fanIn, ulong fanOut, ulong seed) =>
        Matrix(name, fanIn, fanOut, 1.0 / Math.Sqrt(fanIn), seed);

    private static GgufTensorSpec Matrix(string name, ulong inner, ulong outer, double std, ulong seed) =>
        new(name, [inner, outer], GgufTensorType.F16, () =>
        {
            var random = Xoshiro256.ForStream(seed, name);
            return chunk =>
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = (float)(random.NextStandardBell() * std);
                }
            };
        });

    // llama.cpp requires 1-D tensors in F32; all-ones makes RMSNorm a pure normalisation.
    private static GgufTensorSpec Norm(string name, ulong length) =>
        new(name, [length], GgufTensorType.F32, () => chunk => chunk.Fill(1f));
}
