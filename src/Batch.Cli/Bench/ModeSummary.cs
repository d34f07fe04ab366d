namespace Batch.Cli.Bench;

/// <summary>
/// One mode's result over its repeats: rates from the median wall time, spread from min and max,
/// and per-run figures (latencies, steps) from the median run.
/// </summary>
/// <param name="RatioToSequential">Total tokens/s over <c>sequential</c>'s from the same invocation; null when sequential did not run.</param>
/// <param name="MeanSequencesPerStep">Sequences fed per decode step, averaged over the median run's steps.</param>
/// <param name="FedTokens">Tokens fed to llama.cpp in the median run (fewer than the prompts when a prefix is shared).</param>
/// <param name="DecodeTokensPerSecond">Tokens per second over the median run's decode-only steps (no prefill in the step).</param>
/// <param name="DecoderSeconds">Time the median run spent in the decoder (llama_decode and sampling).</param>
/// <param name="SchedulerSeconds">Time the median run spent in Schedule and Apply (the engine's own overhead).</param>
public sealed record ModeSummary(
    string Mode,
    int Repeats,
    IReadOnlyList<double> WallSeconds,
    double WallSecondsMedian,
    double WallSecondsMin,
    double WallSecondsMax,
    int Rows,
    long PromptTokens,
    long GeneratedTokens,
    long TotalTokens,
    double PromptTokensPerSecond,
    double GeneratedTokensPerSecond,
    double TotalTokensPerSecond,
    double? RatioToSequential,
    int Slots,
    int SlotTokens,
    long KvAllocatedBytes,
    long KvPeakUsedBytes,
    long PeakRssBytes,
    double LatencyP50Seconds,
    double LatencyP95Seconds,
    int Steps,
    double MeanSequencesPerStep,
    long FedTokens,
    long Preemptions,
    double DecodeTokensPerSecond,
    double DecoderSeconds,
    double SchedulerSeconds)
{
    /// <summary>
    /// Sequential's wall time over this mode's, round by round: repeats go round the modes, so each
    /// pair ran minutes apart in the same machine state, which the ratio of medians does not ensure.
    /// </summary>
    public IReadOnlyList<double>? RatioToSequentialByRound { get; init; }

    /// <summary>Rows finished per second of median wall time.</summary>
    public double RowsPerSecond => WallSecondsMedian > 0 ? Rows / WallSecondsMedian : 0;

    /// <summary>Summarizes the runs of one mode (all of the same mode and workload).</summary>
    public static ModeSummary From(IReadOnlyList<ModeRun> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var walls = runs.Select(r => r.WallSeconds).ToList();
        var median = BenchStatistics.Median(walls);
        // The lower middle run stands for the mode (with an odd count, exactly the median run).
        var typical = runs.OrderBy(r => r.WallSeconds).ElementAt((runs.Count - 1) / 2);
        var trace = typical.Trace;
        var prompt = trace.PromptTokens;
        var generated = trace.GeneratedTokens;
        double PerSecond(long tokens) => median > 0 ? tokens / median : 0;
        return new ModeSummary(
            typical.Mode.Name, runs.Count, walls, median, walls.Min(), walls.Max(),
            trace.RowLatencySeconds.Count, prompt, generated, prompt + generated,
            PerSecond(prompt), PerSecond(generated), PerSecond(prompt + generated),
            RatioToSequential: null,
            typical.SlotCount, typical.SlotTokens, typical.KvAllocatedBytes,
            runs.Max(r => r.KvPeakUsedBytes), runs.Max(r => r.PeakRssBytes),
            BenchStatistics.Percentile(trace.RowLatencySeconds, 50), BenchStatistics.Percentile(trace.RowLatencySeconds, 95),
            trace.StepCount, trace.StepCount > 0 ? (double)trace.SequenceSteps / trace.StepCount : 0,
            trace.FedTokens, runs.Max(r => r.PreemptionCount),
            trace.DecodeOnlySeconds > 0 ? trace.DecodeOnlyTokens / trace.DecodeOnlySeconds : 0,
            trace.DecoderSeconds, trace.SchedulerSeconds);
    }
}
