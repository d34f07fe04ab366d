namespace Batch.Cli.Bench;

/// <summary>One measured run of one mode on a fresh decoder.</summary>
/// <param name="KvAllocatedBytes">The decoder's whole KV cache: slots × slot tokens × bytes per token.</param>
/// <param name="KvPeakUsedBytes">The scheduler pool's peak: used blocks × block size × bytes per token.</param>
/// <param name="PeakRssBytes">The process's peak resident memory during the run (or since start where it cannot be reset).</param>
public sealed record ModeRun(
    BenchVariant Mode,
    double WallSeconds,
    RunTrace Trace,
    int SlotCount,
    int SlotTokens,
    long KvAllocatedBytes,
    long KvPeakUsedBytes,
    long PeakRssBytes,
    long PreemptionCount);
