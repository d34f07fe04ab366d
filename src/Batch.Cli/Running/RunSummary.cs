using Batch.Engine.Pipeline;
using Batch.Engine.Workers;

namespace Batch.Cli.Running;

/// <summary>The end-of-run summary printed to stderr.</summary>
public sealed record RunSummary(
    long RowsOk,
    long RowsFailed,
    long PromptTokens,
    long CompletionTokens,
    TimeSpan Wall,
    int MaxSequencesPerStep,
    double MeanSequencesPerStep,
    long Steps,
    int PeakKvBlocks,
    int KvBlocks,
    long Preemptions,
    int BlockSize,
    int PrefixTokens,
    long PrefixHitTokens,
    long PrefixCopies,
    int PrefixComputations,
    int Restarts)
{
    public double GeneratedTokensPerSecond => Wall.TotalSeconds > 0 ? CompletionTokens / Wall.TotalSeconds : 0;

    public static RunSummary From(RunCounters counters, IReadOnlyList<WorkerMetrics> workers, TimeSpan wall)
    {
        var steps = workers.Sum(w => w.Steps);
        var mean = steps == 0 ? 0 : workers.Sum(w => w.MeanSequencesPerStep * w.Steps) / steps;
        return new RunSummary(counters.RowsOk, counters.RowsFailed, counters.PromptTokens, counters.CompletionTokens, wall,
            workers.Count == 0 ? 0 : workers.Max(w => w.MaxSequencesPerStep), mean, steps,
            workers.Sum(w => w.PeakBlocks), workers.Sum(w => w.TotalBlocks), workers.Sum(w => w.Preemptions),
            workers.Count == 0 ? 0 : workers[0].BlockSize, workers.Count == 0 ? 0 : workers.Max(w => w.PrefixTokens),
            workers.Sum(w => w.PrefixHitTokens), workers.Sum(w => w.PrefixCopies), workers.Sum(w => w.PrefixComputations),
            workers.Sum(w => w.Restarts));
    }

    public override string ToString() =>
        $"""
        done: {RowsOk} rows ok, {RowsFailed} failed in {Wall.TotalSeconds:0.0} s
        tokens: {PromptTokens} prompt, {CompletionTokens} generated ({GeneratedTokensPerSecond:0.0} generated tok/s)
        batching: {Steps} steps, {MeanSequencesPerStep:0.0} sequences per step on average, {MaxSequencesPerStep} at most
        kv: peak {PeakKvBlocks} of {KvBlocks} blocks of {BlockSize} tokens, {Preemptions} preemptions; worker restarts: {Restarts}
        shared prefix: {(PrefixTokens == 0 ? "none" : $"{PrefixTokens} tokens, computed {PrefixComputations}×, copied into {PrefixCopies} slots")}
        prefix cache: {PrefixHitTokens} prompt tokens found in the KV ({(PromptTokens > 0 ? 100.0 * PrefixHitTokens / PromptTokens : 0):0.0}% hit rate)
        """;
}
