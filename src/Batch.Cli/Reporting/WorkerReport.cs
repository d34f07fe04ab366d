using Batch.Engine.Workers;

namespace Batch.Cli.Reporting;

/// <summary>One worker's row in the report: how it batched and how it used its KV blocks.</summary>
public sealed record WorkerReport(
    int Index,
    long Steps,
    double MeanSequencesPerStep,
    int MaxSequencesPerStep,
    int PeakKvBlocks,
    int KvBlocks,
    long Preemptions)
{
    /// <summary>Reads one worker's metrics at the end of the run.</summary>
    public static WorkerReport From(WorkerMetrics metrics, int index) => new(
        index,
        metrics.Steps,
        metrics.MeanSequencesPerStep,
        metrics.MaxSequencesPerStep,
        metrics.PeakBlocks,
        metrics.TotalBlocks,
        metrics.Preemptions);
}
