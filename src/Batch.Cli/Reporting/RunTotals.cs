using Batch.Cli.Running;

namespace Batch.Cli.Reporting;

/// <summary>The run's totals: what the end-of-run summary says, plus the rows a resume skipped.</summary>
public sealed record RunTotals(
    long RowsOk,
    long RowsFailed,
    long RowsSkipped,
    long PromptTokens,
    long GeneratedTokens,
    double WallSeconds,
    double GeneratedTokensPerSecond,
    long Steps,
    double MeanSequencesPerStep,
    int MaxSequencesPerStep,
    int PeakKvBlocks,
    int KvBlocks,
    int BlockSize,
    long Preemptions,
    int PrefixTokens,
    long PrefixHitTokens,
    long PrefixCopies,
    int PrefixComputations)
{
    /// <summary>The summary's figures, with <paramref name="rowsSkipped"/> from the counters.</summary>
    public static RunTotals From(RunSummary summary, long rowsSkipped) => new(
        summary.RowsOk,
        summary.RowsFailed,
        rowsSkipped,
        summary.PromptTokens,
        summary.CompletionTokens,
        summary.Wall.TotalSeconds,
        summary.GeneratedTokensPerSecond,
        summary.Steps,
        summary.MeanSequencesPerStep,
        summary.MaxSequencesPerStep,
        summary.PeakKvBlocks,
        summary.KvBlocks,
        summary.BlockSize,
        summary.Preemptions,
        summary.PrefixTokens,
        summary.PrefixHitTokens,
        summary.PrefixCopies,
        summary.PrefixComputations);
}
