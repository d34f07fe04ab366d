using Batch.Cli.Reporting;
using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Engine.Pipeline;
using Batch.Engine.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Batch.Cli.Tests.Reporting;

public sealed class RunReportRecorderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private RunReading _reading;

    private RunReportRecorder Recorder(int maxPoints = SampleSeries.DefaultMaxPoints, IReadOnlyList<WorkerMetrics>? workers = null, JobSpec? job = null) =>
        new(() => _reading, workers ?? [new WorkerMetrics()], job ?? new JobSpec(), "/jobs/job.yaml", _time, maxPoints);

    [Fact]
    public async Task RunAsync_SamplesTheCountersAtEachTick()
    {
        var recorder = Recorder();
        using var stop = new CancellationTokenSource();
        var running = recorder.RunAsync(stop.Token);

        for (var i = 1; i <= 3; i++)
        {
            _reading = new RunReading(RowsDone: 10 * i, RowsFailed: i, RowsSkipped: 0, GeneratedTokens: 100L * i * i,
                RunningSequences: i, WaitingRows: 10 - i, KvBlocksUsed: 5 * i, Preemptions: i - 1);
            _time.Advance(TimeSpan.FromSeconds(1));
            await WaitForTicksAsync(recorder, i);
        }
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var samples = recorder.Build(Reports.Summary(), PipelineOutcome.Completed).Samples;
        Assert.Equal([1.0, 2, 3], samples.Select(s => s.ElapsedSeconds));
        Assert.Equal([10L, 20, 30], samples.Select(s => s.RowsDone));
        Assert.Equal([1L, 2, 3], samples.Select(s => s.RowsFailed));
        // Tokens 100, 400, 900: the rate is over the last interval, not the whole run.
        Assert.Equal([100.0, 300, 500], samples.Select(s => s.GeneratedTokensPerSecond));
        Assert.Equal([1.0, 2, 3], samples.Select(s => s.RunningSequences));
        Assert.Equal([9.0, 8, 7], samples.Select(s => s.WaitingRows));
        Assert.Equal([5.0, 10, 15], samples.Select(s => s.KvBlocksUsed));
        Assert.Equal([0L, 1, 2], samples.Select(s => s.Preemptions));
    }

    [Fact]
    public async Task RunAsync_WhenStoppedMidInterval_RecordsTheLastPartialInterval()
    {
        var recorder = Recorder();
        using var stop = new CancellationTokenSource();
        var running = recorder.RunAsync(stop.Token);
        _reading = new RunReading(4, 0, 0, 50, 1, 0, 2, 0);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitForTicksAsync(recorder, 1);

        _reading = _reading with { RowsDone = 6, GeneratedTokens = 100 };
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var last = recorder.Build(Reports.Summary(), PipelineOutcome.Stopped).Samples[^1];
        Assert.Equal(1.5, last.ElapsedSeconds, precision: 9);
        Assert.Equal(6, last.RowsDone);
        Assert.Equal(100, last.GeneratedTokensPerSecond, precision: 9);
    }

    [Fact]
    public void Sample_OverAVeryLongRun_KeepsTheSeriesBounded()
    {
        var recorder = Recorder(maxPoints: 64);
        for (var i = 1; i <= 20_000; i++)
        {
            _reading = new RunReading(i, 0, 0, 7L * i, 3, 1, 9, 0);
            _time.Advance(TimeSpan.FromSeconds(1));
            recorder.Sample();
        }

        var report = recorder.Build(Reports.Summary(), PipelineOutcome.Completed);
        Assert.InRange(report.Samples.Count, 32, 64);
        Assert.Equal(20_000, report.Samples[^1].ElapsedSeconds);
        Assert.Equal(20_000, report.Samples[^1].RowsDone);
        Assert.All(report.Samples, s => Assert.Equal(7, s.GeneratedTokensPerSecond, precision: 9));
        Assert.Equal(20_000, report.Samples.Sum(s => s.IntervalSeconds), precision: 6);
        Assert.True(report.SampleIntervalSeconds >= 20_000 / 64);
    }

    [Fact]
    public void Sample_WithNoTimePassed_AddsNothing()
    {
        var recorder = Recorder();
        recorder.Sample();

        Assert.Equal(0, recorder.TickCount);
    }

    [Fact]
    public void Build_JoinsTheSummaryTheJobTheErrorsAndTheWorkers()
    {
        var job = new JobSpec
        {
            Model = new ModelOptions { Path = "models/m.gguf", Context = 2048 },
            Scheduler = new SchedulerOptions { MaxSequences = 8, MaxBatchTokens = 256 },
            Generation = new GenerationOptions { MaxTokens = 64, Temperature = 0.7f, Stop = ["\n\n"] },
            Kv = new KvOptions { CacheType = KvCacheType.Q8_0 },
        };
        _reading = new RunReading(0, 0, RowsSkipped: 12, 0, 0, 0, 0, 0);
        var recorder = Recorder(workers: [new WorkerMetrics(), new WorkerMetrics()], job: job);
        recorder.RecordError("a.jsonl", 3, "a.jsonl:3: missing field 'text'");
        recorder.RecordError("a.jsonl", 4, "a.jsonl:4: missing field 'title'");
        _time.Advance(TimeSpan.FromSeconds(90));

        var report = recorder.Build(Reports.Summary(), PipelineOutcome.Stopped);

        Assert.Equal("/jobs/job.yaml", report.JobFile);
        Assert.Equal("stopped", report.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(90), report.FinishedAt - report.StartedAt);
        Assert.Equal(90, report.Totals.RowsOk);
        Assert.Equal(12, report.Totals.RowsSkipped);
        Assert.Equal(4000.0 / 60, report.Totals.GeneratedTokensPerSecond, precision: 9);
        Assert.Equal("models/m.gguf", report.Settings.Model.Path);
        Assert.Equal(8, report.Settings.Scheduler.MaxSequences);
        Assert.Equal(KvCacheType.Q8_0, report.Settings.Kv.CacheType);
        Assert.Equal(2, report.Errors.TotalCount);
        Assert.Equal("missing field '…'", Assert.Single(report.Errors.Reasons).Reason);
        Assert.Equal([0, 1], report.Workers.Select(w => w.Index));
    }

    // The timer's continuation runs on the thread pool, so the sample lands shortly after Advance.
    private static async Task WaitForTicksAsync(RunReportRecorder recorder, long ticks)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (recorder.TickCount < ticks)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the recorder did not sample tick {ticks}");
            await Task.Delay(5);
        }
    }
}
