namespace Batch.Cli.Reporting;

/// <summary>
/// Everything <c>batch run --report</c> writes: the totals, the job's settings, the error rows by
/// reason, one row per worker and the time series. Serialized as <c>report.json</c>
/// (see <c>report.schema.json</c>) and drawn as <c>report.html</c>.
/// </summary>
/// <param name="Version">The report format's version; bumped when a field changes meaning or goes away.</param>
/// <param name="JobFile">The job file the run was started with.</param>
/// <param name="Outcome"><c>completed</c>, or <c>stopped</c> when the run was interrupted (and is resumable).</param>
/// <param name="SampleIntervalSeconds">Seconds each point of <paramref name="Samples"/> stands for.</param>
public sealed record RunReport(
    int Version,
    string JobFile,
    string Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    RunTotals Totals,
    ReportSettings Settings,
    ErrorSummary Errors,
    IReadOnlyList<WorkerReport> Workers,
    double SampleIntervalSeconds,
    IReadOnlyList<RunSample> Samples)
{
    /// <summary>The format version this code writes.</summary>
    public const int CurrentVersion = 1;
}
