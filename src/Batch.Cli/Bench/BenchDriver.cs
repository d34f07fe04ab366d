using System.Diagnostics;
using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Llama;
using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>
/// Runs one mode once: a fresh decoder sized from the workload, a short untimed warm-up on it,
/// then every row through the real <see cref="Scheduler"/> and llama.cpp decoder, timed.
/// </summary>
public sealed class BenchDriver(LlamaModel model, BenchSettings settings, long kvBytesPerTokenF16, long keyBytesPerTokenF16, IReadOnlyList<string>? labels = null)
{
    /// <summary>Runs <paramref name="workload"/> in <paramref name="mode"/> and checks every row generated its max_tokens.</summary>
    public ModeRun Run(BenchVariant variant, BenchWorkload workload, CancellationToken cancellationToken)
    {
        var mode = variant.Mode;
        var cacheType = variant.CacheType ?? settings.CacheType;
        var kvBytesPerToken = KvCacheBytes.PerToken(kvBytesPerTokenF16, keyBytesPerTokenF16, cacheType);
        if (variant.Workers > 1)
        {
            PeakMemory.Reset();
            var group = new WorkerGroupDriver(model, settings, this).Run(variant, workload, cacheType, kvBytesPerToken, cancellationToken);
            CheckTokens(variant, workload, group.Trace);
            return group;
        }
        var maxSequences = BenchModes.MaxSequences(mode, settings.Sequences);
        var slotCount = BenchModes.SlotCount(mode, settings.Sequences);
        PeakMemory.Reset();
        using var decoder = model.CreateDecoder(new LlamaDecoderOptions(slotCount, workload.SlotTokens, settings.BatchTokens, settings.Threads, cacheType,
            F16Prefill: variant.F16Prefill));
        WarmUp(decoder, workload, cancellationToken);

        var info = decoder.Info;
        var pool = new BlockPool(info.KvCapacityTokens / settings.BlockSize, settings.BlockSize);
        var limits = new SchedulerLimits(maxSequences, Math.Min(settings.BatchTokens, info.MaxBatchTokens), info.MaxSequenceTokens,
            SharePrefix: mode == BenchMode.ContinuousPrefix, AdmissionWindow: BenchSettings.AdmissionWindow,
            CacheSlots: mode == BenchMode.ContinuousPrefix, CompactSlots: info.SlotsAreStreams);
        var scheduler = new Scheduler(limits, pool);
        var trace = new RunTrace();
        var chunk = BenchModes.QueueChunk(mode, settings.Sequences, workload.Rows.Count);
        var clock = Stopwatch.StartNew();
        foreach (var rows in workload.Rows.Chunk(chunk))
        {
            StepLoop.Enqueue(scheduler, rows, model.Tokenizer, Scoring(mode));
            StepLoop.Drain(scheduler, decoder, clock, trace, cancellationToken);
        }
        var wall = clock.Elapsed.TotalSeconds;
        CheckTokens(variant, workload, trace);
        return new ModeRun(variant, wall, trace, info.SlotCount, info.MaxSequenceTokens,
            KvAllocatedBytes: (long)info.KvCapacityTokens * kvBytesPerToken + (long)info.F16PrefillCells * kvBytesPerTokenF16,
            KvPeakUsedBytes: (long)pool.PeakUsedBlockCount * pool.BlockSize * kvBytesPerToken,
            PeakRssBytes: PeakMemory.PeakResidentBytes(),
            scheduler.PreemptionCount);
    }

    /// <summary>Decodes a few short rows untimed (the first decodes after load are slow), then empties every slot.</summary>
    public void WarmUp(IDecoder decoder, BenchWorkload workload, CancellationToken cancellationToken)
    {
        var rows = workload.WarmUpRows(settings.WarmUpRows, BenchSettings.WarmUpPromptTokens, BenchSettings.WarmUpOutputTokens);
        if (rows.Count == 0) return;
        var info = decoder.Info;
        var limits = new SchedulerLimits(Math.Min(rows.Count, info.SlotCount), Math.Min(settings.BatchTokens, info.MaxBatchTokens), info.MaxSequenceTokens);
        var scheduler = new Scheduler(limits, new BlockPool(info.KvCapacityTokens / settings.BlockSize, settings.BlockSize));
        StepLoop.Enqueue(scheduler, rows, model.Tokenizer);
        StepLoop.Drain(scheduler, decoder, Stopwatch.StartNew(), new RunTrace(), cancellationToken);
        // The warm-up scheduler's last releases never reach the decoder: clear all slots so the run starts empty.
        StepLoop.ClearSlots(decoder);
    }

    // Labels are scored as they follow a prompt ending in a word: after a space. The gpt-2 style
    // pre-tokenizer splits there, so " label" alone tokenizes as it would after any prompt.
    private LabelScoring? Scoring(BenchMode mode) => BenchModes.IsClassification(mode)
        ? new LabelScoring((labels ?? BenchSettings.DefaultLabels).Select(l => model.Tokenizer.Tokenize(" " + l, addBos: false)).ToArray(),
            SharePrompt: mode == BenchMode.Classify)
        : null;

    // Every mode must generate exactly the workload's tokens; anything else is a bug in the loop or the scheduler.
    private static void CheckTokens(BenchVariant mode, BenchWorkload workload, RunTrace trace)
    {
        if (BenchModes.IsClassification(mode.Mode))
        {
            if (trace.RowLatencySeconds.Count != workload.Rows.Count || trace.GeneratedTokens != 0)
                throw new InvalidOperationException($"{mode.Name}: {trace.RowLatencySeconds.Count} rows classified of {workload.Rows.Count}");
            return;
        }
        foreach (var row in workload.Rows)
        {
            if (trace.GeneratedByRow.GetValueOrDefault(row.Id, -1) != row.MaxTokens)
                throw new InvalidOperationException($"{mode.Name}: row {row.Id} generated {trace.GeneratedByRow.GetValueOrDefault(row.Id)} tokens, not its max_tokens {row.MaxTokens}");
        }
        if (trace.RowLatencySeconds.Count != workload.Rows.Count || trace.GeneratedTokens != workload.GeneratedTokens
            || trace.PromptTokens != workload.PromptTokens)
        {
            throw new InvalidOperationException(
                $"{mode.Name}: {trace.RowLatencySeconds.Count} rows, {trace.PromptTokens} prompt and {trace.GeneratedTokens} generated tokens; "
                + $"the workload has {workload.Rows.Count} rows, {workload.PromptTokens} prompt and {workload.GeneratedTokens} output tokens");
        }
    }
}
