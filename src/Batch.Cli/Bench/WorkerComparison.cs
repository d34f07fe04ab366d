using System.Diagnostics;
using Batch.Core.Scheduling;
using Batch.Llama;
using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>
/// One worker with every thread against several one-thread workers in the same process, each
/// with its own context and its own rows: once through the engine's direct llama_decode and once
/// through LLamaSharp's Decode, whose process-wide lock makes the workers take turns.
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
        // The same sequences in flight in total, split between the workers; rows dealt out in turn.
        var perWorker = Math.Max(1, settings.Sequences / workers);
        var decoders = Enumerable.Range(0, workers)
            .Select(_ => model.CreateDecoder(new LlamaDecoderOptions(perWorker, workload.SlotTokens, settings.BatchTokens, threads, settings.CacheType,
                LockedDecode: locked)))
            .ToArray();
        try
        {
            foreach (var decoder in decoders) driver.WarmUp(decoder, workload, cancellationToken);
            var schedulers = decoders.Select(d => new Scheduler(
                new SchedulerLimits(perWorker, Math.Min(settings.BatchTokens, d.Info.MaxBatchTokens), d.Info.MaxSequenceTokens,
                    CompactSlots: d.Info.SlotsAreStreams, AdmissionWindow: BenchSettings.AdmissionWindow),
                new BlockPool(d.Info.KvCapacityTokens / settings.BlockSize, settings.BlockSize))).ToArray();
            for (var w = 0; w < workers; w++)
                StepLoop.Enqueue(schedulers[w], workload.Rows.Where((_, i) => i % workers == w), model.Tokenizer);
            var clock = Stopwatch.StartNew();
            var traces = schedulers.Select(_ => new RunTrace()).ToArray();
            var threadsRunning = Enumerable.Range(0, workers)
                .Select(w => new Thread(() => StepLoop.Drain(schedulers[w], decoders[w], clock, traces[w], cancellationToken)) { IsBackground = true })
                .ToArray();
            foreach (var t in threadsRunning) t.Start();
            foreach (var t in threadsRunning) t.Join();
            var wall = clock.Elapsed.TotalSeconds;
            var generated = traces.Sum(t => t.GeneratedTokens);
            if (generated != workload.GeneratedTokens)
                throw new InvalidOperationException($"{name}: generated {generated} tokens, the workload has {workload.GeneratedTokens}");
            return new WorkerComparisonRun(name, workers, threads, locked, wall, generated / wall, (generated + workload.PromptTokens) / wall);
        }
        finally
        {
            foreach (var decoder in decoders) decoder.Dispose();
        }
    }
}
