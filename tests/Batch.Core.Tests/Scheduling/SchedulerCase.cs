namespace Batch.Core.Tests.Scheduling;

/// <summary>A random scheduler workload: limits, pool, requests and which decode calls answer NoKvSlot.</summary>
/// <param name="BlockCount">Null: just enough blocks for the longest row plus <paramref name="ExtraBlocks"/>.</param>
/// <param name="NoKvSlot">Cycled over the first 64 decode calls: true answers NoKvSlot.</param>
/// <param name="CompactSlots">Move running rows together when nothing waits (the split layout's compaction).</param>
public sealed record SchedulerCase(
    int MaxSequences,
    int MaxBatchTokens,
    int MaxSequenceTokens,
    int BlockSize,
    int? BlockCount,
    int ExtraBlocks,
    RequestSpec[] Requests,
    bool[] NoKvSlot,
    bool CompactSlots)
{
    public bool FitsContext(RequestSpec r) => r.PromptLength + 1 <= MaxSequenceTokens;

    /// <summary>Blocks for the longest row the scheduler accepts, at its final length.</summary>
    public int BlocksForLongestRow =>
        Requests.Where(FitsContext).Select(r => Blocks(r.PromptLength + r.ExpectedTokens(MaxSequenceTokens))).DefaultIfEmpty(1).Max();

    public int PoolBlocks => BlockCount ?? BlocksForLongestRow + ExtraBlocks;

    public bool PoolHoldsEveryRow => PoolBlocks >= BlocksForLongestRow;

    public bool IsNoKvSlot(int call) => NoKvSlot.Length > 0 && call < 64 && NoKvSlot[call % NoKvSlot.Length];

    public int Blocks(int tokens) => (tokens + BlockSize - 1) / BlockSize;

    public override string ToString() =>
        $"seqs {MaxSequences}, batch {MaxBatchTokens}, ctx {MaxSequenceTokens}, pool {PoolBlocks}x{BlockSize}, "
        + $"compact {CompactSlots}, noKv [{string.Join("", NoKvSlot.Select(b => b ? '1' : '0'))}], requests {string.Join(" ", Requests.AsEnumerable())}";
}
