namespace Batch.Cli.Bench;

/// <summary>Everything one <c>batch bench</c> invocation measured; the table and the JSON both render this.</summary>
/// <param name="PeakRssPerRun">Whether peak RSS was reset before each run (Linux); otherwise it is the process's running peak.</param>
/// <param name="SequentialDecodeTokensPerSecond">The sequential mode's decode-only rate (batch 1), for comparison with the probe.</param>
public sealed record BenchReport(
    MachineLimits Machine,
    WorkloadSummary Workload,
    BenchSettingsSummary Settings,
    IReadOnlyList<ModeSummary> Modes,
    DecodeProbeResult? DecodeProbe,
    double? SequentialDecodeTokensPerSecond,
    bool PeakRssPerRun,
    IReadOnlyList<WorkerComparisonRun>? WorkerComparison = null)
{
    /// <summary>Fills in every mode's ratio to <c>sequential</c> (1 for sequential itself), when sequential ran.</summary>
    public static IReadOnlyList<ModeSummary> WithRatios(IReadOnlyList<ModeSummary> modes)
    {
        var baseline = modes.FirstOrDefault(m => m.Mode == BenchModes.Name(BenchMode.Sequential));
        if (baseline is null || baseline.TotalTokensPerSecond <= 0) return modes;
        // Classification generates nothing: its rows/s compare with the other classification mode, not with sequential.
        return modes.Select(m => m.Mode.StartsWith("classify", StringComparison.Ordinal) ? m
            : m with
            {
                RatioToSequential = m.TotalTokensPerSecond / baseline.TotalTokensPerSecond,
                // Every mode generates the same tokens, so the throughput ratio is the inverse wall ratio.
                RatioToSequentialByRound = m.WallSeconds.Zip(baseline.WallSeconds, (mode, sequential) => mode > 0 ? sequential / mode : 0).ToList(),
            }).ToList();
    }
}
