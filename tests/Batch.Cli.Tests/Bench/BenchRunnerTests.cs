using Batch.Cli.Bench;
using Batch.Cli.Running;
using Batch.Core.Decoding;
using Batch.Testing;

namespace Batch.Cli.Tests.Bench;

/// <summary>`batch bench`'s runner on the tiny model: correctness of what it counts, never its speed.</summary>
public sealed class BenchRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "batch-bench-tests", Guid.NewGuid().ToString("N"));

    public BenchRunnerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EveryMode_GeneratesTheSameTokens_AndRatiosComeFromTheSameRun()
    {
        var report = Run(Options(new WorkloadShape(Rows: 7, PromptTokens: 40, OutputTokens: 9, SharedPrefixTokens: 24)));

        Assert.Equal(BenchModes.All.Select(BenchModes.Name), report.Modes.Select(m => m.Mode));
        foreach (var mode in report.Modes)
        {
            Assert.Equal(7, mode.Rows);
            Assert.Equal(7 * 40, mode.PromptTokens);
            Assert.Equal(7 * 9, mode.GeneratedTokens);
            Assert.Equal(7 * 49, mode.TotalTokens);
            Assert.Equal(0, mode.Preemptions);
            Assert.True(mode.Steps > 0 && mode.WallSecondsMedian > 0, mode.Mode);
        }
        var sequential = report.Modes.Single(m => m.Mode == "sequential");
        Assert.Equal(1.0, sequential.RatioToSequential);
        foreach (var mode in report.Modes)
            Assert.Equal(mode.TotalTokensPerSecond / sequential.TotalTokensPerSecond, mode.RatioToSequential!.Value, 12);
    }

    [Fact]
    public void ModesShapeTheirBatches_AndTheDecoderSlots()
    {
        var report = Run(Options(new WorkloadShape(Rows: 7, PromptTokens: 40, OutputTokens: 9, SharedPrefixTokens: 24)));
        var byName = report.Modes.ToDictionary(m => m.Mode);

        Assert.Equal(1.0, byName["sequential"].MeanSequencesPerStep);
        Assert.True(byName["continuous"].MeanSequencesPerStep > 1.5);
        Assert.Equal([1, 3, 3, 4], report.Modes.Select(m => m.Slots));   // continuous+prefix: N + the template slot
        foreach (var mode in report.Modes)
        {
            Assert.Equal(256, mode.SlotTokens);
            Assert.Equal(mode.Slots * 256L * report.Machine.KvBytesPerToken, mode.KvAllocatedBytes);
            Assert.InRange(mode.KvPeakUsedBytes, 1, mode.KvAllocatedBytes);
            Assert.InRange(mode.LatencyP50Seconds, 0, mode.LatencyP95Seconds);
            Assert.True(mode.PeakRssBytes > 0);
        }
        Assert.NotNull(report.DecodeProbe);
        Assert.Equal(4, report.DecodeProbe!.Sequences);
        Assert.Equal(6, report.DecodeProbe.StepCount);
        Assert.Equal(4 * 6, report.DecodeProbe.Tokens);
    }

    [Fact]
    public void JsonlWorkload_RowsOfMixedLengths_EachGenerateTheirMaxTokens()
    {
        var path = Path.Combine(_folder, "workload.jsonl");
        File.WriteAllLines(path, [
            """{"id": "a", "prompt": "The river ran past the old mill and the stone bridge.", "max_tokens": 5}""",
            """{"id": 2, "prompt": "Write the summary first.", "max_tokens": 11}""",
            "",
            """{"id": "c", "prompt": "Mix the flour and the salt in a large bowl, then add the water.", "max_tokens": 3}""",
        ]);
        var options = Options(new WorkloadShape(64, 256, 128, 0)) with
        {
            WorkloadPath = path,
            Modes = [new(BenchMode.Sequential), new(BenchMode.Static), new(BenchMode.Continuous)],
            Sequences = 2,
            DecodeSequences = 0,
        };

        var report = Run(options);

        Assert.Equal(3, report.Workload.Rows);
        Assert.All(report.Modes, m => Assert.Equal(19, m.GeneratedTokens));
        Assert.Null(report.DecodeProbe);
    }

    [Fact]
    public void KvCacheTypeVariants_RunInOneReport_WithTheirOwnKvBytes()
    {
        var options = Options(new WorkloadShape(3, 20, 4, 0)) with
        {
            Modes = [new(BenchMode.Sequential), new(BenchMode.Continuous), new(BenchMode.Continuous, KvCacheType.Q8_0),
                new(BenchMode.Continuous, KvCacheType.Q8_0, F16Prefill: true)],
            DecodeSequences = 0,
        };

        var report = Run(options);

        Assert.Equal(["sequential", "continuous", "continuous:q8_0", "continuous:q8_0+f16prefill"], report.Modes.Select(m => m.Mode));
        var (f16, q8, hybrid) = (report.Modes[1], report.Modes[2], report.Modes[3]);
        Assert.Equal(f16.GeneratedTokens, q8.GeneratedTokens);
        Assert.Equal(f16.GeneratedTokens, hybrid.GeneratedTokens);
        // The f16 prefill context (one batch of cells, rounded to 256) is counted on top of the q8_0 slots.
        Assert.Equal(q8.KvAllocatedBytes + 256 * (f16.KvAllocatedBytes / (f16.Slots * f16.SlotTokens)), hybrid.KvAllocatedBytes);
        Assert.Equal(f16.KvAllocatedBytes / 2 / 32 * 34, q8.KvAllocatedBytes);
        Assert.NotNull(q8.RatioToSequential);
    }

    [Fact]
    public void ClassifyModes_ScoreEveryRow_SharedFeedingFewerTokensThanSeparate()
    {
        var options = Options(new WorkloadShape(6, 24, 4, 0)) with
        {
            Modes = [new(BenchMode.Classify), new(BenchMode.ClassifySeparate)],
            Labels = ["yes", "no", "not sure at all"],
            DecodeSequences = 0,
        };

        var report = Run(options);

        var (shared, separate) = (report.Modes[0], report.Modes[1]);
        Assert.Equal(["classify", "classify-separate"], report.Modes.Select(m => m.Mode));
        Assert.All(report.Modes, m => Assert.Equal((6, 0L), (m.Rows, m.GeneratedTokens)));
        Assert.True(shared.FedTokens < separate.FedTokens, $"{shared.FedTokens} vs {separate.FedTokens}");
        Assert.True(separate.FedTokens >= 3 * shared.PromptTokens, "separate recomputes the prompt per label");
        Assert.Null(shared.RatioToSequential);
    }

    [Fact]
    public void ContinuousOnWorkers_EachWorkerHasItsOwnContext_AndTogetherTheyRunTheWholeWorkload()
    {
        var options = Options(new WorkloadShape(Rows: 9, PromptTokens: 40, OutputTokens: 7, SharedPrefixTokens: 24)) with
        {
            Threads = 2,
            Sequences = 4,
            Modes = [new(BenchMode.Sequential), new(BenchMode.Continuous), new(BenchMode.Continuous, Workers: 2), new(BenchMode.ContinuousPrefix, Workers: 2)],
            DecodeSequences = 0,
        };

        var report = Run(options);

        Assert.Equal(["sequential", "continuous", "continuous@2", "continuous+prefix@2"], report.Modes.Select(m => m.Mode));
        Assert.All(report.Modes, m => Assert.Equal((9, 9 * 40, 9 * 7), (m.Rows, m.PromptTokens, m.GeneratedTokens)));
        // Two workers of 2 sequences each (and each its own template slot when sharing): the same slots in flight, in two contexts.
        Assert.Equal([1, 4, 4, 6], report.Modes.Select(m => m.Slots));
        foreach (var mode in report.Modes) Assert.Equal(mode.Slots * 256L * report.Machine.KvBytesPerToken, mode.KvAllocatedBytes);
        var onWorkers = report.Modes[2];
        Assert.True(onWorkers.MeanSequencesPerStep is > 1 and <= 2, $"{onWorkers.MeanSequencesPerStep} sequences per step");
        Assert.True(report.Modes[3].FedTokens < onWorkers.FedTokens, "each worker computes the shared prefix once");
    }

    [Fact]
    public void Workers_MustSplitTheThreadsAndSequencesEvenly()
    {
        var runner = new BenchRunner(new ModelResolver(Path.Combine(_folder, "cache")), new StringWriter());
        foreach (var (threads, sequences) in new[] { (2, 3), (1, 4) })
        {
            var options = Options(new WorkloadShape(3, 20, 4, 0)) with
            {
                Threads = threads, Sequences = sequences, Modes = [new(BenchMode.Continuous, Workers: 2)], DecodeSequences = 0,
            };

            Assert.False(runner.TryRun(options, CancellationToken.None, out _, out var error));
            Assert.Contains("continuous@2", error);
            Assert.Contains("evenly", error);
        }
    }

    [Fact]
    public void KvCacheType_SetsTheBytesPerToken()
    {
        var options = Options(new WorkloadShape(3, 20, 4, 0)) with { Modes = [new(BenchMode.Continuous)], CacheType = KvCacheType.Q8_0, DecodeSequences = 0 };

        var report = Run(options);

        Assert.Equal("q8_0", report.Machine.KvCacheType);
        Assert.Equal(report.Machine.KvBytesPerTokenF16 / 2 / 32 * 34, report.Machine.KvBytesPerToken);
        Assert.Null(report.Modes.Single().RatioToSequential);   // no sequential run: no ratio
    }

    internal static BenchOptions Options(WorkloadShape shape) => new(
        WorkloadPath: null, shape, TinyModel.Path, Threads: 1, Sequences: 3, BatchTokens: 64, [.. BenchModes.All.Select(m => new BenchVariant(m))], Repeat: 1, WarmUpRows: 1,
        KvCacheType.F16, DecodeSequences: 4, JsonPath: null, Seed: 7, BandwidthBufferBytes: 16L * 1024 * 1024, DecodeSteps: 6);

    private BenchReport Run(BenchOptions options)
    {
        var log = new StringWriter();
        var runner = new BenchRunner(new ModelResolver(Path.Combine(_folder, "cache")), log);
        Assert.True(runner.TryRun(options, CancellationToken.None, out var report, out var error), $"{error}\n{log}");
        return report!;
    }
}
