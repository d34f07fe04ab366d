using System.Diagnostics;
using Batch.Core.Scheduling;
using Batch.Llama;
using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>
/// Measures decode alone: <c>sequences</c> short prompts prefilled, then all of them decoding
/// together for a fixed number of steps; only the steps in which every sequence fed one token
/// are timed. This is the number to hold against the memory-bandwidth bound.
/// </summary>
public sealed class DecodeProbe(LlamaModel model, BenchSettings settings, BenchDriver driver)
{
    /// <summary>Prompt tokens per probe sequence: short, so prefill is a single small step.</summary>
    public const int PromptTokens = 16;

    /// <summary>Decode steps measured after the prefill.</summary>
    public const int DefaultSteps = 64;

    public DecodeProbeResult Run(int sequences, int steps, BenchWorkload workload, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(0, sequences)
            .Select(i => workload.Rows[i % workload.Rows.Count])
            .Select((r, i) => new BenchRow($"probe-{i}", r.PromptTokens[..Math.Min(PromptTokens, r.PromptTokens.Length)], steps + 1))
            .ToList();
        var probeWorkload = new BenchWorkload("decode probe", rows);
        // Enough batch room for one token of every sequence, so all of them decode in each step.
        var batchTokens = Math.Max(settings.BatchTokens, sequences);
        using var decoder = model.CreateDecoder(new LlamaDecoderOptions(sequences, probeWorkload.SlotTokens, batchTokens, settings.Threads, settings.CacheType));
        driver.WarmUp(decoder, workload, cancellationToken);

        var info = decoder.Info;
        var limits = new SchedulerLimits(sequences, batchTokens, info.MaxSequenceTokens);
        var scheduler = new Scheduler(limits, new BlockPool(info.KvCapacityTokens / settings.BlockSize, settings.BlockSize));
        var trace = new RunTrace();
        StepLoop.Enqueue(scheduler, rows, model.Tokenizer);
        StepLoop.Drain(scheduler, decoder, Stopwatch.StartNew(), trace, cancellationToken, decodeWidth: sequences);
        return new DecodeProbeResult(sequences, trace.DecodeOnlyStepCount, trace.DecodeOnlyTokens, trace.DecodeOnlySeconds);
    }
}
