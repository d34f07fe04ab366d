namespace Batch.Cli.Bench;

/// <summary>What one run of a group of workers measured, read before their decoders were disposed.</summary>
/// <param name="Wall">Seconds from the first step of any worker to the last step of all of them.</param>
/// <param name="Trace">The workers' traces, added together.</param>
/// <param name="Slots">KV slots over all workers.</param>
/// <param name="SlotTokens">Cells per slot.</param>
/// <param name="KvCapacityTokens">KV cells allocated over all workers.</param>
/// <param name="PeakUsedTokens">Each worker's block pool peak, in tokens, summed: an upper bound on the peak they reached together.</param>
/// <param name="Preemptions">Preemptions over all workers.</param>
public sealed record WorkerGroupRun(double Wall, RunTrace Trace, int Slots, int SlotTokens, long KvCapacityTokens, long PeakUsedTokens, long Preemptions);
