using System.Diagnostics;
using Batch.Core.Decoding;
using Batch.Core.Text;

namespace Batch.Core.Scheduling;

/// <summary>
/// Continuous batching for one worker.
/// Design: every step is one decode batch built in three passes under the token budget:
/// (1) one token for each running sequence that is decoding, growing its KV blocks and, when the
/// pool is exhausted, preempting the newest running sequence (free its blocks, requeue it at the
/// front, recompute later); (2) the next prefill chunk of sequences still prefilling; (3) newly
/// admitted waiting sequences, each admitted only when its whole prompt plus one token fits the
/// pool, so a prefill never runs out of room halfway. Finished sequences leave in <see cref="Apply"/>
/// and their slots are released in the next plan. With <see cref="SchedulerLimits.SharePrefix"/>,
/// the prompt prefix the rows share is computed once and kept in slots (<see cref="SharedPrefix"/>),
/// and a row that enters a slot holding it starts its prefill after it.
/// Pure: no I/O, threads or clock.
/// </summary>
public sealed class Scheduler
{
    private readonly SchedulerLimits _limits;
    private readonly BlockPool _pool;
    private readonly LinkedList<Sequence> _waiting = new();
    private readonly List<Sequence> _running = [];   // admission order: oldest first
    private readonly Dictionary<SequenceId, Sequence> _byId = [];
    private readonly SortedSet<int> _freeSlots;
    private readonly SharedPrefix _prefix;
    private readonly SlotCache? _cache;
    private readonly SlotContents _contents;
    private long _nextId;

    public Scheduler(SchedulerLimits limits, BlockPool pool)
    {
        _limits = limits;
        _pool = pool;
        _freeSlots = new SortedSet<int>(Enumerable.Range(0, limits.MaxSequences));
        _prefix = new SharedPrefix(new SlotId(limits.MaxSequences), limits.MaxSequences);
        _cache = limits.CacheSlots && !limits.PrefixCellsShared ? new SlotCache(limits.MaxSequences, pool.BlockSize) : null;
        _contents = new SlotContents(_prefix, _cache);
    }

    /// <summary>The split layout's prefix cache (null when off).</summary>
    public SlotCache? Cache => _cache;

    /// <summary>The shared prefix's state and counters (empty unless prefix sharing is on).</summary>
    public SharedPrefix Prefix => _prefix;

    public int WaitingCount => _waiting.Count;
    public int RunningCount => _running.Count;
    public bool IsIdle => _waiting.Count == 0 && _running.Count == 0;
    public BlockPool Pool => _pool;
    public long PreemptionCount { get; private set; }

    /// <summary>Queues a request; false with a reason when it could never run here.</summary>
    public bool TryEnqueue(GenerationRequest request, ITokenStreamDecoder text, out Sequence? sequence, out string? error)
    {
        sequence = null;
        error = AdmissionRules.Reject(request, _limits, _pool);
        if (error is not null) return false;
        sequence = new Sequence(new SequenceId(_nextId++), request, text);
        _waiting.AddLast(sequence);
        _byId[sequence.Id] = sequence;
        return true;
    }

    /// <summary>Plans the next step; a plan without items means there is nothing to decode.</summary>
    public StepPlan Schedule()
    {
        var items = new List<StepItem>();
        var started = new List<SlotStart>();
        var budget = _limits.MaxBatchTokens;

        foreach (var seq in _running.Where(s => s.PendingCount == 1).ToList())
        {
            if (budget == 0) break;
            if (seq.Status != SequenceStatus.Running) continue;   // preempted earlier in this pass
            if (!GrowOrPreempt(seq)) continue;
            items.Add(ItemFor(seq, 1));
            budget--;
        }

        foreach (var seq in _running.Where(s => s.PendingCount > 1))
        {
            if (budget == 0) break;
            var n = Math.Min(seq.PendingCount, budget);
            items.Add(ItemFor(seq, n));
            budget -= n;
        }

        var copies = new List<SlotCopy>();
        if (_limits.SharePrefix && !_prefix.IsDetected && _waiting.Count >= 2) DetectPrefix();
        if (_prefix.NextTemplateChunk(budget) is { } chunk)
        {
            items.Add(chunk);
            budget -= chunk.Tokens.Length;
        }

        while (budget > 0 && AdmissionRules.Next(_waiting, _limits.AdmissionWindow) is { } node && _running.Count < _limits.MaxSequences)
        {
            var seq = node.Value;
            var shares = _prefix.Covers(seq);
            if (shares && !_prefix.IsReady) break;   // wait a step for the template rather than recompute the prefix
            seq.SharedCells = shares && _limits.PrefixCellsShared ? _prefix.Tokens.Length : 0;
            if (!_pool.TryReserve(seq.Id, seq.PeakTokens + 1 - seq.SharedCells)) break;
            _waiting.Remove(node);
            var (slot, cached) = _contents.Choose(seq, shares, _freeSlots);
            Admit(seq, slot);
            _contents.Enter(seq, shares, cached, copies);
            started.Add(new SlotStart(seq.Slot!.Value, seq.Request.Sampling, seq.Generated) { TopLogProbabilities = seq.Request.TopLogprobs });
            var n = Math.Min(seq.PendingCount, budget);
            items.Add(ItemFor(seq, n));
            budget -= n;
        }

        if (items.Count == 0) return StepPlan.Empty;   // a plan without items never reaches the decoder: keep the releases
        // Moves only in a step that starts nothing, so no start or copy names a slot a move changes.
        var moves = started.Count == 0 && copies.Count == 0 ? Compact(items) : [];
        var (released, trimmed) = _contents.TakeEdits();
        Debug.Assert(items.Sum(i => i.Tokens.Length) <= _limits.MaxBatchTokens);
        return new StepPlan(released, started, items) { Trimmed = trimmed, Copies = copies, Moves = moves };
    }

    /// <summary>Applies a decoded step: advances sequences, samples land, finished ones retire.</summary>
    public StepOutcome Apply(StepPlan plan, StepResult result)
    {
        if (result.Status == DecodeStatus.NoKvSlot)
        {
            // llama.cpp rejected the whole batch atomically: nothing advanced. Make room and retry.
            if (_running.Count == 0) return StepOutcome.None;
            Preempt(_running[^1]);
            return new StepOutcome([], 1);
        }

        var sampled = result.Tokens.ToDictionary(t => t.Sequence);
        var finished = new List<Completion>();
        foreach (var item in plan.Items)
        {
            if (item.Sequence == SharedPrefix.TemplateSequence)
            {
                _prefix.Computed(item.Tokens.Length);
                continue;
            }
            var seq = _byId[item.Sequence];
            seq.ComputedCount += item.Tokens.Length;
            if (seq.IsScoring)
            {
                if (ApplyScores(seq, item, result)) finished.Add(seq.ToCompletion());
                continue;
            }
            if (!item.WantsToken) continue;
            if (!sampled.TryGetValue(seq.Id, out var token))
                throw new InvalidOperationException($"decoder returned no token for {seq.Id}");
            if (seq.Append(token, _limits.MaxSequenceTokens))
            {
                Retire(seq);
                finished.Add(seq.ToCompletion());
            }
        }
        return new StepOutcome(finished, 0);
    }

    // True when the row scored its last label and retired.
    private bool ApplyScores(Sequence seq, StepItem item, StepResult result)
    {
        foreach (var scores in result.Scores)
        {
            if (scores.Sequence == seq.Id) seq.AddScores(item.StartPosition, scores);
        }
        if (seq.PendingCount > 0) return false;
        if (seq.NextScoringRound() is { } rewind)
        {
            _contents.Rewind(seq.Slot!.Value, rewind);
            return false;
        }
        Retire(seq);
        return true;
    }

    private bool GrowOrPreempt(Sequence seq)
    {
        while (!_pool.TryReserve(seq.Id, seq.ComputedCount + 1 - seq.SharedCells))
        {
            var victim = _running[^1];
            Preempt(victim);
            if (victim == seq) return false;
        }
        return true;
    }

    private StepItem ItemFor(Sequence seq, int count) =>
        new(seq.Id, seq.Slot!.Value, seq.ComputedCount, seq.TokenRange(seq.ComputedCount, count),
            WantsToken: !seq.IsScoring && seq.ComputedCount + count == seq.TokenCount)
        {
            Scores = seq.ScoresFor(seq.ComputedCount, count),
        };

    private void Admit(Sequence seq, int slot)
    {
        _freeSlots.Remove(slot);
        seq.Slot = new SlotId(slot);
        seq.Status = SequenceStatus.Running;
        _running.Add(seq);
    }

    private void Retire(Sequence seq)
    {
        ReleaseSlot(seq);
        _byId.Remove(seq.Id);
    }

    private void Preempt(Sequence seq)
    {
        ReleaseSlot(seq);
        seq.Status = SequenceStatus.Waiting;
        seq.ResetForRecompute();
        seq.PreemptionCount++;
        PreemptionCount++;
        _waiting.AddFirst(seq);
    }

    private void ReleaseSlot(Sequence seq)
    {
        _running.Remove(seq);
        _pool.Free(seq.Id);
        var slot = seq.Slot!.Value;
        seq.Slot = null;
        _contents.Leave(slot, seq.ComputedTokens);
        _freeSlots.Add(slot.Value);
    }

    // Split layout, nothing waiting: close the gaps rows left in the slots, and point this step's items at the new slots.
    private IReadOnlyList<SlotMove> Compact(List<StepItem> items)
    {
        if (!_limits.CompactSlots || _waiting.Count > 0) return [];
        var moves = SlotCompaction.Plan(_running.Select(s => s.Slot!.Value.Value), _limits.MaxSequences);
        foreach (var move in moves)
        {
            var seq = _running.Single(s => s.Slot == move.From);
            _contents.Move(move);
            _freeSlots.Remove(move.To.Value);
            _freeSlots.Add(move.From.Value);
            seq.Slot = move.To;
            var at = items.FindIndex(i => i.Sequence == seq.Id);
            if (at >= 0) items[at] = items[at] with { Slot = move.To };
        }
        return moves;
    }

    private void DetectPrefix()
    {
        const int minimumPrefix = 16;
        if (!_prefix.Detect(_waiting.Select(s => s.Request.PromptTokens), minimumPrefix)) return;
        // The template's cells count against the pool like a row's; no room means no sharing.
        if (!_pool.TryReserve(SharedPrefix.TemplateSequence, _prefix.Tokens.Length)) _prefix.Disable();
    }
}
