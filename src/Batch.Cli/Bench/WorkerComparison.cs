using Batch.Llama;

namespace Batch.Cli.Bench;

/// <summary>
/// One worker with every thread against several one-thread workers in the same process, each
/// with its own context, taking rows from one queue as <see cref="WorkerGroupDriver"/> runs them: once
/// through the engine's direct llama_decode and once through LLamaSharp's Decode, whose process-wide
/// lock makes the workers take turns.
/// </summary>
public sealed class WorkerComparison(LlamaModel model, BenchSettings settings, BenchDriver driver)
{
    public IReadOnlyList<WorkerComparisonRun> Run(BenchWorkload workload, CancellationToken cancellationToken)
    {
        var workers = Math.Max(2, settings.Threads);
        return
        [
            Measure($"1 worker × {settings.Threads} threads", 1, settings.Threads, locked: false, workload, cancellationToken),
            Measure($"{workers} workers × 1 thread", workers, 1, locked: false, workload, cancellationToken),
            Measure($"{workers} workers × 1 thread, locked decode", workers, 1, locked: true, workload, cancellationToken),
        ];
    }

    private WorkerComparisonRun Measure(string name, int workers, int threads, bool locked, BenchWorkload workload, CancellationToken cancellationToken)
    {
        // The same sequences in flight in total, split between the workers, which take rows from one queue.
        var group = new WorkerGroupDriver(model, settings, driver)
            .RunGroup(BenchMode.Continuous, workers, threads, Math.Max(1, settings.Sequences / workers), settings.CacheType, locked, workload, cancellationToken);
        var generated = group.Trace.GeneratedTokens;
        if (generated != workload.GeneratedTokens)
            throw new InvalidOperationException($"{name}: generated {generated} tokens, the workload has {workload.GeneratedTokens}");
        return new WorkerComparisonRun(name, workers, threads, locked, group.Wall, generated / group.Wall, (generated + workload.PromptTokens) / group.Wall);
    }
}
