using Batch.Cli.Running;
using Batch.Core.Jobs;
using Batch.Testing;

namespace Batch.Cli.Tests.Running;

/// <summary>A resumed summary job must have the same task, chunking and reduce template; other jobs' fingerprints do not change.</summary>
public sealed class SummaryFingerprintTests : IDisposable
{
    private readonly string _input = Path.GetTempFileName();

    public void Dispose() => File.Delete(_input);

    [Fact]
    public void For_GenerateJob_HasNoSummarySettings() =>
        Assert.DoesNotContain(Fingerprint(new JobSpec()).Settings, s => s.StartsWith("task=") || s.StartsWith("chunking."));

    [Fact]
    public void For_ChangedChunkingOrReduceTemplate_IsADifference()
    {
        var job = new JobSpec { Task = JobTask.Summarize, Chunking = new ChunkingOptions() };
        var earlier = Fingerprint(job);

        var chunking = Fingerprint(job with { Chunking = new ChunkingOptions { Overlap = 0 } }).DifferencesFrom(earlier);
        var reduce = Fingerprint(job with { Prompt = job.Prompt with { ReduceTemplate = "{summaries}" } }).DifferencesFrom(earlier);

        Assert.Contains(chunking, d => d.Contains("chunking.overlap"));
        Assert.Contains(reduce, d => d.Contains("prompt.reduce_template"));
        Assert.Empty(Fingerprint(job).DifferencesFrom(earlier));
    }

    private Batch.Core.Checkpointing.JobFingerprint Fingerprint(JobSpec job) => JobFingerprints.For(job, TinyModel.Path, 512, [_input]);
}
