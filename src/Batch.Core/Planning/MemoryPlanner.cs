using Batch.Core.Decoding;

namespace Batch.Core.Planning;

/// <summary>
/// Fits weights, compute buffers and the KV pool into a memory budget. The KV pool is sized from
/// the job's own rows (longest prompt + its output per slot, rounded to llama.cpp's 256-cell
/// padding), never from the model's full context; with a budget, concurrency is what fits.
/// </summary>
public static class MemoryPlanner
{
    private const int CellPadding = 256;

    /// <summary>
    /// KV bytes per token for a cache type, from the F16 figures (Q8_0: 34 bytes per 32 values, Q4_0: 18).
    /// A <c>keys/values</c> pair (<c>q4_0/f16</c>) prices the keys' and the values' share each by its own type
    /// (they differ where a model's key heads are wider than its value heads).
    /// </summary>
    /// <param name="f16Bytes">Keys and values of one token at F16.</param>
    /// <param name="keyF16Bytes">The keys' part of <paramref name="f16Bytes"/>.</param>
    public static long KvBytesPerToken(long f16Bytes, long keyF16Bytes, KvCacheTypes cacheType) =>
        TypeBytes(keyF16Bytes, cacheType.Keys) + TypeBytes(f16Bytes - keyF16Bytes, cacheType.Values);

    private static long TypeBytes(long f16Bytes, KvCacheType type) => type switch
    {
        KvCacheType.F16 => f16Bytes,
        KvCacheType.Q8_0 => f16Bytes * 34 / 64,
        KvCacheType.Q4_0 => f16Bytes * 18 / 64,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <param name="extraSlots">Slots beyond the concurrency (the shared-prefix template slot).</param>
    /// <param name="meanRowTokens">With the unified layout: the pool holds the concurrent rows' mean length plus one longest row.</param>
    public static MemoryPlan Plan(ModelShape model, int slotTokens, int maxSequences, int extraSlots, int maxBatchTokens, KvCacheTypes cacheType, long? budgetBytes,
        bool unified = false, int meanRowTokens = 0)
    {
        var perToken = KvBytesPerToken(model.KvBytesPerTokenF16, model.KeyBytesPerTokenF16, cacheType);
        var cells = (slotTokens + CellPadding - 1) / CellPadding * CellPadding;
        var compute = ComputeBytes(model, maxBatchTokens, cells, maxSequences);
        var sequences = maxSequences;
        if (budgetBytes is { } budget)
        {
            var room = budget - model.WeightsBytes - compute;
            var fit = room <= 0 ? 0 : room / ((long)cells * perToken) - extraSlots;
            sequences = (int)Math.Clamp(fit, 0, maxSequences);
        }
        var planned = Math.Max(sequences, 1);
        var slots = planned + extraSlots;
        // Unified: rows are admitted against the block pool, so it needs room for the typical batch,
        // not every slot at its longest; one longest row must always fit.
        var poolTokens = unified
            ? Math.Min(slots * cells, (planned * meanRowTokens + slotTokens + CellPadding - 1) / CellPadding * CellPadding)
            : slots * cells;
        var kv = (long)poolTokens * perToken;
        return new MemoryPlan(model.WeightsBytes, perToken, cells, sequences, poolTokens, kv, compute, budgetBytes,
            (long)planned * model.ContextLength * model.KvBytesPerTokenF16, model.ContextLength);
    }

    /// <summary>
    /// An estimate of llama.cpp's CPU buffers: logits for every sequence, activations for one
    /// batch (hidden, attention and feed-forward widths), and the attention scores of a batch
    /// over one slot. Conservative by design; `batch plan` labels it an estimate.
    /// </summary>
    private static long ComputeBytes(ModelShape m, int batchTokens, int slotCells, int sequences)
    {
        long logits = (long)m.VocabularySize * 4 * Math.Max(sequences, 1);
        long activations = (long)batchTokens * (m.EmbeddingLength * 8L + m.FeedForwardLength * 3L) * 4;
        long scores = (long)batchTokens * slotCells * m.HeadCount * 4;
        return logits + activations + scores;
    }
}
