using Batch.Cli.Running;
using Batch.Core.Jobs;
using Batch.Engine.Pipeline;
using Batch.Engine.Workers;

namespace Batch.Cli.Reporting;

/// <summary>
/// Collects what <c>--report</c> needs while a job runs: a sample of the live counters every
/// second (bounded, see <see cref="SampleSeries"/>) and a tally of error rows by reason; at the
/// end <see cref="Build"/> joins them with the run summary and the job's settings.
/// </summary>
public sealed class RunReportRecorder
{
    /// <summary>How often the counters are sampled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Func<RunReading> _read;
    private readonly IReadOnlyList<WorkerMetrics> _workers;
    private readonly JobSpec _job;
    private readonly string _jobFile;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly DateTimeOffset _startedAt;
    private readonly ErrorTally _errors = new();
    private readonly Lock _lock = new();
    private readonly SampleSeries _series;
    private TimeSpan _lastElapsed;
    private long _lastTokens;

    /// <summary>A recorder of <paramref name="counters"/> and <paramref name="workers"/>; the clock starts now.</summary>
    public RunReportRecorder(RunCounters counters, IReadOnlyList<WorkerMetrics> workers, JobSpec job, string jobFile, TimeProvider time)
        : this(() => RunReading.From(counters, workers), workers, job, jobFile, time, SampleSeries.DefaultMaxPoints)
    {
    }

    // Tests pass their own readings: the counters' setters belong to the engine.
    internal RunReportRecorder(Func<RunReading> read, IReadOnlyList<WorkerMetrics> workers, JobSpec job, string jobFile, TimeProvider time, int maxPoints)
    {
        _read = read;
        _workers = workers;
        _job = job;
        _jobFile = jobFile;
        _time = time;
        _series = new SampleSeries(maxPoints);
        _started = time.GetTimestamp();
        _startedAt = time.GetUtcNow();
        _lastTokens = read().GeneratedTokens;
    }

    /// <summary>Ticks sampled so far.</summary>
    public long TickCount
    {
        get
        {
            lock (_lock) return _series.TickCount;
        }
    }

    /// <summary>Samples every <see cref="Interval"/> until cancelled, then once more so the series reaches the end of the run.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) Sample();
        }
        catch (OperationCanceledException)
        {
        }
        Sample();
    }

    /// <summary>Counts one error row (called from the pipeline's write stage).</summary>
    public void RecordError(string source, long line, string reason) => _errors.Add(source, line, reason);

    /// <summary>The report: <paramref name="summary"/>'s totals, the job's settings, errors, workers and the series so far.</summary>
    public RunReport Build(RunSummary summary, PipelineOutcome outcome)
    {
        var reading = _read();
        IReadOnlyList<RunSample> samples;
        int ticksPerPoint;
        lock (_lock)
        {
            samples = _series.Snapshot();
            ticksPerPoint = _series.TicksPerPoint;
        }
        return new RunReport(
            RunReport.CurrentVersion,
            _jobFile,
            outcome.ToString().ToLowerInvariant(),
            _startedAt,
            _time.GetUtcNow(),
            RunTotals.From(summary, reading.RowsSkipped),
            ReportSettings.From(_job),
            _errors.Summarize(),
            [.. _workers.Select((w, i) => WorkerReport.From(w, i))],
            Interval.TotalSeconds * ticksPerPoint,
            samples);
    }

    /// <summary>Takes one sample now; a no-op when no time has passed since the last one.</summary>
    internal void Sample()
    {
        lock (_lock)
        {
            var elapsed = _time.GetElapsedTime(_started);
            var interval = (elapsed - _lastElapsed).TotalSeconds;
            if (interval <= 0) return;
            var r = _read();
            var rate = (r.GeneratedTokens - _lastTokens) / interval;
            _series.Add(new RunSample(elapsed.TotalSeconds, interval, r.RowsDone, r.RowsFailed, r.GeneratedTokens, rate,
                r.RunningSequences, r.WaitingRows, r.KvBlocksUsed, r.Preemptions));
            _lastElapsed = elapsed;
            _lastTokens = r.GeneratedTokens;
        }
    }
}
