using Batch.Core.Jobs;

namespace Batch.Cli.Reporting;

/// <summary>The job settings a report records: the model, batching limits, generation and KV layout, inputs and output.</summary>
public sealed record ReportSettings(
    ModelOptions Model,
    SchedulerOptions Scheduler,
    GenerationOptions Generation,
    KvOptions Kv,
    IReadOnlyList<string> InputPaths,
    string OutputPath)
{
    /// <summary>The settings of <paramref name="job"/>, as the job file gave them (defaults filled in).</summary>
    public static ReportSettings From(JobSpec job) =>
        new(job.Model, job.Scheduler, job.Generation, job.Kv, job.Input.Paths, job.Output.Path);
}
