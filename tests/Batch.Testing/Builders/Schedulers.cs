using Batch.Core.Decoding;
using Batch.Core.Scheduling;

namespace Batch.Testing.Builders;

/// <summary>Schedulers, and decoder limits that match them, with small defaults.</summary>
public static class Schedulers
{
    public static Scheduler Create(
        int maxSequences = 4,
        int maxBatchTokens = 32,
        int maxSequenceTokens = 64,
        int blockCount = 64,
        int blockSize = 4) =>
        new(new SchedulerLimits(maxSequences, maxBatchTokens, maxSequenceTokens), new BlockPool(blockCount, blockSize));

    /// <summary>Decoder limits equal to a scheduler's, so the decoder checks exactly what the scheduler promises.</summary>
    public static DecoderInfo InfoFor(SchedulerLimits limits, BlockPool pool) =>
        new(limits.MaxSequences, limits.MaxSequenceTokens, limits.MaxBatchTokens, pool.BlockCount * pool.BlockSize);
}
