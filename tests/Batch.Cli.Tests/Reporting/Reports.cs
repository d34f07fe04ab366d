using Batch.Cli.Reporting;
using Batch.Cli.Running;
using Batch.Core.Jobs;

namespace Batch.Cli.Tests.Reporting;

/// <summary>Report pieces with defaults, so each test sets only what it is about.</summary>
internal static class Reports
{
    public static RunSample Sample(double elapsed, double interval = 1, long rowsDone = 0, long rowsFailed = 0, long tokens = 0,
        double tokensPerSecond = 0, double running = 0, double waiting = 0, double kvBlocks = 0, long preemptions = 0) =>
        new(elapsed, interval, rowsDone, rowsFailed, tokens, tokensPerSecond, running, waiting, kvBlocks, preemptions);

    /// <summary>A growing run: one sample per second with every series moving.</summary>
    public static RunSample[] Samples(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Sample(i, rowsDone: 3L * i, rowsFailed: i / 4, tokens: 40L * i,
            tokensPerSecond: 40 + i % 7, running: i % 9, waiting: 20 - i % 20, kvBlocks: 10 * (i % 9), preemptions: i / 10))];

    /// <summary>90 ok and 10 failed rows, 4,000 tokens generated in 60 s.</summary>
    public static RunSummary Summary() => new(90, 10, 5000, 4000, TimeSpan.FromSeconds(60), 9, 5.5, 800, 100, 128, 2, 16, 24, 2000, 99, 1, 0);

    public static WorkerReport Worker(int index) => new(index, 100 + index, 6.5, 9, 80, 128, index);

    public static RunReport Create(
        IReadOnlyList<RunSample>? samples = null,
        IReadOnlyList<WorkerReport>? workers = null,
        ErrorSummary? errors = null,
        string jobFile = "/jobs/job.yaml",
        JobSpec? job = null) => new(
        RunReport.CurrentVersion,
        jobFile,
        "completed",
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new DateTimeOffset(2025, 1, 2, 3, 5, 5, TimeSpan.Zero),
        RunTotals.From(Summary(), rowsSkipped: 0),
        ReportSettings.From(job ?? new JobSpec { Input = new InputOptions { Paths = ["data/*.jsonl"] } }),
        errors ?? new ErrorSummary(0, []),
        workers ?? [Worker(0)],
        1,
        samples ?? Samples(30));
}
