using Batch.Core.Decoding;

namespace Batch.Llama.Decoding;

/// <summary>How to size one decoder's llama.cpp context.</summary>
/// <param name="SlotCount">KV sequence slots (the worker's max_sequences).</param>
/// <param name="SlotTokens">Cells per slot: the longest prompt plus output a sequence may reach.</param>
/// <param name="MaxBatchTokens">Tokens per decode (n_batch and n_ubatch).</param>
/// <param name="Threads">Threads for generation and for batches.</param>
/// <param name="CacheTypeOrF16">KV cache element types of keys and values (one type converts to both); null is f16 for both, as <see cref="KvTypes"/> reads it.</param>
/// <param name="LockedDecode">Decode through LLamaSharp's Decode, which holds a process-wide lock (for comparison only).</param>
/// <param name="UnifiedPoolTokens">
/// When set, one unified pool of this many cells shared by all slots (prefix cells are shared
/// by tagging, not copied) instead of one fixed stream per slot.
/// </param>
/// <param name="F16Prefill">
/// With a q8_0 or q8_0/f16 cache in the split layout: compute each fresh prompt in a one-stream f16 context and
/// move its KV into the quantized slot (<see cref="PrefillContext"/>), so prompts get the f16 attention kernel.
/// </param>
public sealed record LlamaDecoderOptions(int SlotCount, int SlotTokens, int MaxBatchTokens, int Threads, KvCacheTypes? CacheTypeOrF16 = null, int? UnifiedPoolTokens = null,
    bool LockedDecode = false, bool F16Prefill = false)
{
    /// <summary>The cache types in force; a quantized type turns flash attention on.</summary>
    public KvCacheTypes KvTypes => CacheTypeOrF16 ?? KvCacheType.F16;
}
