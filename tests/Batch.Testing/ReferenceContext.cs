using LLama;
using LLama.Native;

namespace Batch.Testing;

/// <summary>The plain single-sequence, single-thread context every reference pass runs on.</summary>
public static class ReferenceContext
{
    public static SafeLLamaContextHandle Create(LLamaWeights weights, uint batchTokens)
    {
        var p = LLamaContextParams.Default();
        p.n_ctx = 2048;
        p.n_batch = batchTokens;
        p.n_ubatch = batchTokens;
        p.n_seq_max = 1;
        p.n_threads = 1;
        p.n_threads_batch = 1;
        return SafeLLamaContextHandle.Create(weights.NativeHandle, p);
    }
}
