using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Llama.Tests.Decoding;

/// <summary>Drives the real scheduler + decoder to completion without actors, recording every sampled token.</summary>
internal static class DecodeLoop
{
    public sealed record Run(IReadOnlyDictionary<string, List<int>> Tokens, IReadOnlyList<Completion> Completions, int MaxSequencesPerStep, long Preemptions, SharedPrefix Prefix)
    {
        public long CacheHitTokens { get; init; }

        /// <summary>Rows carried from one slot to another (slot compaction).</summary>
        public int Moves { get; init; }
    }

    public static Run Execute(IDecoder decoder, ITokenizer tokenizer, IEnumerable<GenerationRequest> requests, int maxSequences, int maxBatchTokens, int blockSize = 16, int? poolBlocks = null, bool sharePrefix = false, bool unified = false, bool cacheSlots = false, bool compactSlots = false, Action? afterDecode = null)
    {
        var info = decoder.Info;
        var pool = new BlockPool(poolBlocks ?? info.KvCapacityTokens / blockSize, blockSize);
        var scheduler = new Scheduler(new SchedulerLimits(maxSequences, maxBatchTokens, info.MaxSequenceTokens, sharePrefix, unified, CacheSlots: cacheSlots, CompactSlots: compactSlots), pool);
        var ids = new Dictionary<SequenceId, string>();
        var tokens = new Dictionary<string, List<int>>();
        var completions = new List<Completion>();
        foreach (var request in requests)
        {
            Assert.True(scheduler.TryEnqueue(request, tokenizer.CreateStreamDecoder(), out var seq, out var error), error);
            ids[seq!.Id] = request.Id.Value;
            tokens[request.Id.Value] = [];
        }
        var widest = 0;
        var moves = 0;
        while (!scheduler.IsIdle)
        {
            var plan = scheduler.Schedule();
            Assert.True(plan.HasWork, "the scheduler stalled with work left");
            widest = Math.Max(widest, plan.Items.Count);
            moves += plan.Moves.Count;
            var result = decoder.Decode(plan);
            afterDecode?.Invoke();
            var outcome = scheduler.Apply(plan, result);
            if (result.Status == DecodeStatus.Ok)
            {
                // A preempted sequence recomputes and re-samples; keep only tokens that Apply accepted.
                foreach (var t in result.Tokens) tokens[ids[t.Sequence]].Add(t.Token);
            }
            completions.AddRange(outcome.Finished);
        }
        return new Run(tokens, completions, widest, scheduler.PreemptionCount, scheduler.Prefix) { CacheHitTokens = scheduler.Cache?.HitTokens ?? 0, Moves = moves };
    }
}
