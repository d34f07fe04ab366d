namespace Batch.Core.Decoding;

/// <summary>A decoder's fixed limits.</summary>
/// <param name="SlotCount">KV sequence slots (sequences decodable at once).</param>
/// <param name="MaxSequenceTokens">Tokens one sequence may hold (prompt + output).</param>
/// <param name="MaxBatchTokens">Tokens one decode call accepts.</param>
/// <param name="KvCapacityTokens">Cells in the whole KV cache.</param>
public sealed record DecoderInfo(int SlotCount, int MaxSequenceTokens, int MaxBatchTokens, int KvCapacityTokens)
{
    /// <summary>
    /// Each slot is its own KV stream (llama.cpp's split layout): a batch over slots with gaps between
    /// them costs one forward pass per run of consecutive slots, so the scheduler keeps them together.
    /// </summary>
    public bool SlotsAreStreams { get; init; }

    /// <summary>Cells of an extra f16 context in which fresh prompts are computed before their KV moves into the slots (0: none).</summary>
    public int F16PrefillCells { get; init; }
}
