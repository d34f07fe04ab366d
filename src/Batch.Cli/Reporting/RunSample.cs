namespace Batch.Cli.Reporting;

/// <summary>One point of the run's time series: the state at the end of an interval of the run.</summary>
/// <param name="ElapsedSeconds">Seconds since the recorder started, at the end of the interval.</param>
/// <param name="IntervalSeconds">How long the interval this point stands for lasted.</param>
/// <param name="RowsDone">Rows written so far in this run (ok + failed).</param>
/// <param name="RowsFailed">Error rows written so far in this run.</param>
/// <param name="GeneratedTokens">Tokens generated so far in this run.</param>
/// <param name="GeneratedTokensPerSecond">Tokens generated during the interval, per second.</param>
/// <param name="RunningSequences">Sequences decoding, summed over workers (a time-weighted mean once merged).</param>
/// <param name="WaitingRows">Rows queued in the workers' schedulers (a time-weighted mean once merged).</param>
/// <param name="KvBlocksUsed">KV blocks in use, summed over workers (a time-weighted mean once merged).</param>
/// <param name="Preemptions">Preemptions so far, summed over workers.</param>
public sealed record RunSample(
    double ElapsedSeconds,
    double IntervalSeconds,
    long RowsDone,
    long RowsFailed,
    long GeneratedTokens,
    double GeneratedTokensPerSecond,
    double RunningSequences,
    double WaitingRows,
    double KvBlocksUsed,
    long Preemptions)
{
    /// <summary>One point for this interval and the <paramref name="later"/> one that follows it.</summary>
    public RunSample MergeWith(RunSample later)
    {
        var interval = IntervalSeconds + later.IntervalSeconds;
        // Weighting by interval keeps the merged rate equal to tokens over time, even for a short last interval.
        double Mean(double earlier, double next) => interval > 0
            ? (earlier * IntervalSeconds + next * later.IntervalSeconds) / interval
            : (earlier + next) / 2;
        return new RunSample(
            later.ElapsedSeconds,
            interval,
            later.RowsDone,
            later.RowsFailed,
            later.GeneratedTokens,
            Mean(GeneratedTokensPerSecond, later.GeneratedTokensPerSecond),
            Mean(RunningSequences, later.RunningSequences),
            Mean(WaitingRows, later.WaitingRows),
            Mean(KvBlocksUsed, later.KvBlocksUsed),
            later.Preemptions);
    }
}
