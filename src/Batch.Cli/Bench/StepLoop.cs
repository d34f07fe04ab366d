using System.Diagnostics;
using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Cli.Bench;

/// <summary>The worker's loop without the actor: schedule, decode, apply, until the scheduler is idle.</summary>
public static class StepLoop
{
    /// <summary>Queues rows as greedy requests that ignore EOS, so each generates exactly its max_tokens.</summary>
    /// <param name="scoring">Set for the classification modes: score these labels instead of generating.</param>
    public static void Enqueue(Scheduler scheduler, IEnumerable<BenchRow> rows, ITokenizer tokenizer, LabelScoring? scoring = null)
    {
        foreach (var request in Requests(rows, scoring)) Enqueue(scheduler, request, tokenizer);
    }

    /// <summary>The rows as the requests a scheduler runs: greedy, EOS ignored.</summary>
    public static IEnumerable<GenerationRequest> Requests(IEnumerable<BenchRow> rows, LabelScoring? scoring = null) =>
        rows.Select(row => new GenerationRequest(new DocumentId(row.Id), row.PromptTokens, row.MaxTokens, SamplingOptions.Greedy, [], IgnoreEos: true)
        {
            Scoring = scoring,
        });

    /// <summary>Queues one request; a refusal is a bug in the bench's sizing.</summary>
    public static void Enqueue(Scheduler scheduler, GenerationRequest request, ITokenizer tokenizer)
    {
        if (!scheduler.TryEnqueue(request, tokenizer.CreateStreamDecoder(), out _, out var error))
            throw new InvalidOperationException($"row {request.Id} was refused: {error}");
    }

    /// <summary>Runs steps until every queued row finished; each row's completion is timed against <paramref name="clock"/>.</summary>
    public static void Drain(Scheduler scheduler, IDecoder decoder, Stopwatch clock, RunTrace trace, CancellationToken cancellationToken, int decodeWidth = 1)
    {
        while (!scheduler.IsIdle)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(scheduler, decoder, clock, trace, decodeWidth);
        }
    }

    /// <summary>One step: schedule, decode, apply; finished rows are recorded in <paramref name="trace"/>.</summary>
    public static void Step(Scheduler scheduler, IDecoder decoder, Stopwatch clock, RunTrace trace, int decodeWidth = 1)
    {
        var start = clock.Elapsed;
        var plan = scheduler.Schedule();
        if (!plan.HasWork) throw new InvalidOperationException("the scheduler stalled with rows left");
        var planned = clock.Elapsed;
        var result = decoder.Decode(plan);
        var decoded = clock.Elapsed;
        var outcome = scheduler.Apply(plan, result);
        var after = clock.Elapsed;
        trace.Step(plan, decoded - planned, (planned - start) + (after - decoded), decodeWidth);
        foreach (var completion in outcome.Finished)
        {
            if (completion.Error is not null) throw new InvalidOperationException($"row {completion.Id} failed: {completion.Error}");
            trace.Finished(completion, after);
        }
    }

    /// <summary>Clears every slot of the decoder (KV cells and samplers), as if it were new.</summary>
    public static void ClearSlots(IDecoder decoder)
    {
        var slots = Enumerable.Range(0, decoder.Info.SlotCount).Select(i => new SlotId(i)).ToArray();
        decoder.Decode(new StepPlan(slots, [], []));
    }
}
