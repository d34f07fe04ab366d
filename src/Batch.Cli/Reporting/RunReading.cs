using Batch.Engine.Pipeline;
using Batch.Engine.Workers;

namespace Batch.Cli.Reporting;

/// <summary>The live counters of a run, read at one instant (workers summed).</summary>
public readonly record struct RunReading(
    long RowsDone,
    long RowsFailed,
    long RowsSkipped,
    long GeneratedTokens,
    int RunningSequences,
    int WaitingRows,
    int KvBlocksUsed,
    long Preemptions)
{
    /// <summary>Reads the pipeline's counters and every worker's metrics.</summary>
    public static RunReading From(RunCounters counters, IReadOnlyList<WorkerMetrics> workers) => new(
        counters.RowsDone,
        counters.RowsFailed,
        counters.RowsSkipped,
        counters.CompletionTokens,
        workers.Sum(w => w.Running),
        workers.Sum(w => w.Waiting),
        workers.Sum(w => w.UsedBlocks),
        workers.Sum(w => w.Preemptions));
}
