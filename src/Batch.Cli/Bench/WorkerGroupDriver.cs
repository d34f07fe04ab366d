using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Llama;
using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>
/// Runs a continuous mode on several workers in one process, as <c>batch run</c> does with <c>workers.cpu</c>:
/// each worker has its own context (the weights are shared), its share of the threads and of the sequences, its
/// own scheduler and a thread of its own. Rows wait in one queue; a worker takes more while it holds fewer than
/// twice its sequences (the worker pool's capacity), the one with the most output first, so the rows reach the
/// workers longest first as they would reach one worker that held them all.
/// </summary>
public sealed class WorkerGroupDriver(LlamaModel model, BenchSettings settings, BenchDriver driver)
{
    /// <summary>Runs <paramref name="workload"/> on <see cref="BenchVariant.Workers"/> workers; the caller checks the tokens.</summary>
    public ModeRun Run(BenchVariant variant, BenchWorkload workload, KvCacheTypes cacheType, long kvBytesPerToken, CancellationToken cancellationToken)
    {
        var group = RunGroup(variant.Mode, variant.Workers, settings.Threads / variant.Workers, settings.Sequences / variant.Workers, cacheType,
            locked: false, workload, cancellationToken);
        return new ModeRun(variant, group.Wall, group.Trace, group.Slots, group.SlotTokens,
            KvAllocatedBytes: group.KvCapacityTokens * kvBytesPerToken,
            KvPeakUsedBytes: group.PeakUsedTokens * kvBytesPerToken,
            PeakRssBytes: PeakMemory.PeakResidentBytes(),
            group.Preemptions);
    }

    /// <summary>
    /// Runs <paramref name="workload"/> in continuous <paramref name="mode"/> on <paramref name="workers"/> workers of <paramref name="threads"/>
    /// threads and <paramref name="sequences"/> sequences each; <paramref name="locked"/> decodes through LLamaSharp's process-wide lock.
    /// </summary>
    public WorkerGroupRun RunGroup(BenchMode mode, int workers, int threads, int sequences, KvCacheTypes cacheType, bool locked, BenchWorkload workload,
        CancellationToken cancellationToken)
    {
        var share = mode == BenchMode.ContinuousPrefix;
        var decoders = new List<IDecoder>();
        try
        {
            for (var w = 0; w < workers; w++)
            {
                decoders.Add(model.CreateDecoder(new LlamaDecoderOptions(BenchModes.SlotCount(mode, sequences), workload.SlotTokens,
                    settings.BatchTokens, threads, cacheType, LockedDecode: locked)));
                driver.WarmUp(decoders[w], workload, cancellationToken);
            }
            var schedulers = decoders.Select(d => new Scheduler(
                new SchedulerLimits(sequences, Math.Min(settings.BatchTokens, d.Info.MaxBatchTokens), d.Info.MaxSequenceTokens,
                    SharePrefix: share, AdmissionWindow: BenchSettings.AdmissionWindow, CacheSlots: share, CompactSlots: d.Info.SlotsAreStreams),
                new BlockPool(d.Info.KvCapacityTokens / settings.BlockSize, settings.BlockSize))).ToArray();
            var pending = new LinkedList<GenerationRequest>(StepLoop.Requests(workload.Rows));
            var traces = schedulers.Select(_ => new RunTrace()).ToArray();
            var failures = new ExceptionDispatchInfo?[workers];
            var clock = Stopwatch.StartNew();
            var threadsRunning = Enumerable.Range(0, workers).Select(w => new Thread(() =>
            {
                try
                {
                    Work(schedulers[w], decoders[w], pending, clock, traces[w], 2 * sequences, cancellationToken);
                }
                catch (Exception e)
                {
                    failures[w] = ExceptionDispatchInfo.Capture(e);
                }
            }) { IsBackground = true, Name = $"bench-worker-{w}" }).ToArray();
            foreach (var t in threadsRunning) t.Start();
            foreach (var t in threadsRunning) t.Join();
            var wall = clock.Elapsed.TotalSeconds;
            foreach (var failure in failures) failure?.Throw();

            var trace = new RunTrace();
            foreach (var t in traces) trace.Add(t);
            return new WorkerGroupRun(wall, trace, decoders.Sum(d => d.Info.SlotCount), decoders[0].Info.MaxSequenceTokens,
                decoders.Sum(d => (long)d.Info.KvCapacityTokens),
                schedulers.Sum(s => (long)s.Pool.PeakUsedBlockCount * s.Pool.BlockSize),
                schedulers.Sum(s => s.PreemptionCount));
        }
        finally
        {
            foreach (var decoder in decoders) decoder.Dispose();
        }
    }

    // One worker's loop: top up from the shared queue, then one step, until the queue and the scheduler are empty.
    private void Work(Scheduler scheduler, IDecoder decoder, LinkedList<GenerationRequest> pending, Stopwatch clock, RunTrace trace,
        int capacity, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (pending)
            {
                while (scheduler.WaitingCount + scheduler.RunningCount < capacity
                       && AdmissionRules.Next(pending, BenchSettings.AdmissionWindow) is { } next)
                {
                    pending.Remove(next);
                    StepLoop.Enqueue(scheduler, next.Value, model.Tokenizer);
                }
            }
            if (scheduler.IsIdle) return;
            StepLoop.Step(scheduler, decoder, clock, trace);
        }
    }
}
