using Batch.Core.Decoding;

namespace Batch.Testing.Builders;

/// <summary>
/// An <see cref="IDecoder"/> for scheduler and actor tests. It records every plan, checks the
/// invariants a real llama.cpp context relies on, and answers each sample from a script keyed
/// by (sequence, prompt, step), so a recomputed sequence gets the same tokens again.
/// Checked per plan: tokens ≤ MaxBatchTokens; slots in range, one sequence per slot and one slot
/// per sequence; released slots were occupied and are freed before any start reuses them; every
/// item continues its slot's KV at the next position; re-fed tokens are the ones fed or sampled
/// before; after the first sample only the last sampled token is new and only it wants a token;
/// a start's history is exactly what the sequence sampled so far; a move takes an occupied slot's
/// cells to a slot no item of the batch holds; total KV ≤ KvCapacityTokens.
/// A broken invariant is recorded in <see cref="Violations"/> and thrown as a <see cref="PlanViolationException"/>.
/// Thread-safe, so a test may read it while an actor decodes.
/// </summary>
public sealed class ScriptedDecoder : IDecoder
{
    /// <summary>4 slots, 64 tokens per sequence, 32 per batch, 256 in the cache.</summary>
    public static DecoderInfo DefaultInfo { get; } = new(4, 64, 32, 256);

    private readonly Func<ScriptStep, ScriptedToken> _script;
    private readonly SequenceId?[] _owners;
    private readonly List<int>[] _kv;
    private readonly Dictionary<SequenceId, SequenceTrack> _tracks = [];
    private readonly List<StepPlan> _plans = [];
    private readonly List<string> _violations = [];
    private readonly Lock _gate = new();
    private int _restarts;
    private int _moves;

    public ScriptedDecoder(Func<ScriptStep, ScriptedToken>? script = null, DecoderInfo? info = null)
    {
        _script = script ?? Scripts.Letters;
        Info = info ?? DefaultInfo;
        _owners = new SequenceId?[Info.SlotCount];
        _kv = Enumerable.Range(0, Info.SlotCount).Select(_ => new List<int>()).ToArray();
    }

    public DecoderInfo Info { get; }

    /// <summary>Answer NoKvSlot (decoding nothing) on the decode calls (0-based) it returns true for.</summary>
    public Func<int, bool>? NoKvSlotWhen { get; init; }

    /// <summary>Throw an <see cref="InvalidOperationException"/> on this decode call (0-based).</summary>
    public int? ThrowOnCall { get; init; }

    /// <summary>Runs at the start of each decode call, on the caller's thread (e.g. to hold an actor mid-step).</summary>
    public Action<int>? BeforeDecode { get; init; }

    public IReadOnlyList<StepPlan> Plans { get { lock (_gate) return _plans.ToArray(); } }
    public IReadOnlyList<string> Violations { get { lock (_gate) return _violations.ToArray(); } }
    public int CallCount { get { lock (_gate) return _plans.Count; } }
    public bool IsDisposed { get; private set; }

    /// <summary>Starts of a sequence that had held a slot before (a preempted sequence coming back).</summary>
    public int RestartCount { get { lock (_gate) return _restarts; } }

    /// <summary>Sequences carried from one slot to another (<see cref="StepPlan.Moves"/>).</summary>
    public int MoveCount { get { lock (_gate) return _moves; } }

    /// <summary>Tokens in the KV cache per occupied slot's sequence (finished ones stay until released).</summary>
    public IReadOnlyDictionary<SequenceId, int> KvLengths
    {
        get
        {
            lock (_gate)
                return Enumerable.Range(0, _owners.Length).Where(i => _owners[i] is not null)
                    .ToDictionary(i => _owners[i]!.Value, i => _kv[i].Count);
        }
    }

    public StepResult Decode(StepPlan plan)
    {
        int call;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            call = _plans.Count;
            _plans.Add(plan);
        }
        BeforeDecode?.Invoke(call);
        if (call == ThrowOnCall) throw new InvalidOperationException($"scripted decode failure on call {call}");
        lock (_gate)
        {
            var errors = new List<string>();
            CheckShape(plan, errors);
            foreach (var trim in plan.Trimmed) Trim(trim, errors);
            foreach (var slot in plan.Released) Release(slot, errors);
            foreach (var move in plan.Moves) Move(plan, move, errors);
            foreach (var start in plan.Started) Start(plan, start, errors);
            foreach (var item in plan.Items) CheckItem(item, errors);
            Fail(call, errors);

            if (NoKvSlotWhen?.Invoke(call) == true) return StepResult.NoKvSlot;

            var sampled = new List<SampledToken>();
            var scores = new List<TokenScores>();
            foreach (var item in plan.Items) Feed(item, call, sampled, errors);
            foreach (var item in plan.Items) Score(item, scores);
            if (_kv.Sum(k => k.Count) > Info.KvCapacityTokens)
                errors.Add($"the KV cache holds {_kv.Sum(k => k.Count)} tokens, more than its {Info.KvCapacityTokens}");
            Fail(call, errors);
            return new StepResult(DecodeStatus.Ok, sampled) { Scores = scores };
        }
    }

    /// <summary>
    /// The scripted log-probability of <paramref name="token"/> after <paramref name="context"/>: a
    /// deterministic function of both, so a label scored after the same prompt gets the same value
    /// however the passes were arranged.
    /// </summary>
    public static float LogProbability(IReadOnlyList<int> context, int token)
    {
        var hash = 17L;
        foreach (var t in context) hash = (hash * 31 + t) % 1_000_003;
        return -(float)((hash * 7 + token * 13) % 97 + 1) / 20f;
    }

    public void Dispose() => IsDisposed = true;

    private void CheckShape(StepPlan plan, List<string> errors)
    {
        if (plan.TokenCount > Info.MaxBatchTokens)
            errors.Add($"{plan.TokenCount} tokens in one batch; the decoder takes {Info.MaxBatchTokens}");
        if (plan.Items.Select(i => i.Sequence).Distinct().Count() != plan.Items.Count)
            errors.Add("a sequence appears twice in one batch");
        if (plan.Items.Select(i => i.Slot).Distinct().Count() != plan.Items.Count)
            errors.Add("a slot appears twice in one batch");
        foreach (var item in plan.Items.Where(i => i.Tokens.Length == 0))
            errors.Add($"{item.Sequence} has an empty item");
        var moved = plan.Moves.SelectMany(m => new[] { m.From, m.To });
        foreach (var slot in plan.Released.Concat(plan.Started.Select(s => s.Slot)).Concat(plan.Items.Select(i => i.Slot)).Concat(moved))
            if (slot.Value < 0 || slot.Value >= Info.SlotCount)
                errors.Add($"{slot} is outside the decoder's {Info.SlotCount} slots");
    }

    // Cuts an occupied slot back (a scoring row between labels); what the row fed past the cut is forgotten.
    private void Trim(SlotTrim trim, List<string> errors)
    {
        if (!InRange(trim.Slot)) return;
        var kv = _kv[trim.Slot.Value];
        if (trim.KeepTokens > kv.Count) errors.Add($"{trim.Slot} trimmed to {trim.KeepTokens} tokens; it holds {kv.Count}");
        if (trim.KeepTokens < kv.Count) kv.RemoveRange(trim.KeepTokens, kv.Count - trim.KeepTokens);
        if (_owners[trim.Slot.Value] is { } owner && TrackOf(owner) is { PromptLength: null } track && track.Tokens.Count > kv.Count)
            track.Tokens.RemoveRange(kv.Count, track.Tokens.Count - kv.Count);
    }

    private void Score(StepItem item, List<TokenScores> scores)
    {
        if (item.Scores.Count == 0) return;
        var track = TrackOf(item.Sequence);
        foreach (var request in item.Scores)
        {
            var context = track.Tokens.GetRange(0, item.StartPosition + request.Offset + 1);
            scores.Add(new TokenScores(item.Sequence, request.Offset, request.Tokens.Select(t => LogProbability(context, t)).ToArray()));
        }
    }

    private void Release(SlotId slot, List<string> errors)
    {
        if (!InRange(slot)) return;
        if (_owners[slot.Value] is null) errors.Add($"{slot} released while free");
        _owners[slot.Value] = null;
        _kv[slot.Value].Clear();
    }

    // A running sequence carries its cells into a slot no sequence of this batch holds; the source is left empty.
    private void Move(StepPlan plan, SlotMove move, List<string> errors)
    {
        if (!InRange(move.From) || !InRange(move.To)) return;
        if (_owners[move.From.Value] is not { } owner)
        {
            errors.Add($"{move.From} moved while free");
            return;
        }
        if (_owners[move.To.Value] is { } other && plan.Items.Any(i => i.Sequence == other))
            errors.Add($"{owner} moved into {move.To}, where {other} decodes");
        _owners[move.To.Value] = owner;
        _owners[move.From.Value] = null;
        _kv[move.To.Value].Clear();
        _kv[move.To.Value].AddRange(_kv[move.From.Value]);
        _kv[move.From.Value].Clear();
        TrackOf(owner).Slot = move.To;
        _moves++;
    }

    private void Start(StepPlan plan, SlotStart start, List<string> errors)
    {
        if (!InRange(start.Slot)) return;
        var item = plan.Items.FirstOrDefault(i => i.Slot == start.Slot);
        if (item is null)
        {
            errors.Add($"{start.Slot} started without an item in the batch");
            return;
        }
        if (_owners[start.Slot.Value] is { } owner && owner != item.Sequence)
        {
            // Without a release the previous row's cells stay for this one (the split layout's prefix cache).
            if (plan.Items.Any(i => i.Sequence == owner)) errors.Add($"{start.Slot} started while {owner} decodes in it");
            TrackOf(owner).Slot = null;
        }
        var track = TrackOf(item.Sequence);
        if (track.Slot is { } held && _owners[held.Value] == item.Sequence)
            errors.Add($"{item.Sequence} started in {start.Slot} while it still holds {held}");
        var expected = track.Generated;
        if (!start.History.SequenceEqual(expected))
            errors.Add($"{item.Sequence} started with history [{string.Join(",", start.History)}], sampled so far [{string.Join(",", expected)}]");
        if (track.Slot is not null) _restarts++;
        _owners[start.Slot.Value] = item.Sequence;
        // Cells kept from an earlier row must be exactly the tokens this row has at those positions.
        var kept = _kv[start.Slot.Value];
        if (track.Tokens.Count == 0) track.Tokens.AddRange(kept);
        else if (kept.Count > track.Tokens.Count || !kept.SequenceEqual(track.Tokens.Take(kept.Count)))
            errors.Add($"{item.Sequence} starts in {start.Slot} after {kept.Count} kept cells that are not its own tokens");
        track.Slot = start.Slot;
        track.HistoryAtStart = start.History.Count;
    }

    private void CheckItem(StepItem item, List<string> errors)
    {
        if (!InRange(item.Slot)) return;
        if (_owners[item.Slot.Value] != item.Sequence)
        {
            errors.Add($"{item.Sequence} decodes in {item.Slot}, which {(_owners[item.Slot.Value]?.ToString() ?? "nobody")} holds");
            return;
        }
        var kv = _kv[item.Slot.Value];
        if (item.StartPosition != kv.Count)
            errors.Add($"{item.Sequence} feeds from position {item.StartPosition}; its KV holds {kv.Count} tokens");
        var track = TrackOf(item.Sequence);
        var end = item.StartPosition + item.Tokens.Length;
        for (var i = 0; i < item.Tokens.Length; i++)
        {
            var pos = item.StartPosition + i;
            if (pos < track.Tokens.Count && track.Tokens[pos] != item.Tokens[i])
                errors.Add($"{item.Sequence} feeds {item.Tokens[i]} at {pos}; it was {track.Tokens[pos]}");
        }
        if (track.PromptLength is null) return;
        if (end > track.Tokens.Count)
            errors.Add($"{item.Sequence} feeds up to {end}, past the {track.Tokens.Count} tokens it has (prompt + sampled)");
        else if (item.WantsToken != (end == track.Tokens.Count))
            errors.Add($"{item.Sequence} ends at {end} of {track.Tokens.Count} with WantsToken {item.WantsToken}");
    }

    private void Feed(StepItem item, int call, List<SampledToken> sampled, List<string> errors)
    {
        if (!InRange(item.Slot) || _owners[item.Slot.Value] != item.Sequence) return;
        var track = TrackOf(item.Sequence);
        _kv[item.Slot.Value].AddRange(item.Tokens);
        var end = item.StartPosition + item.Tokens.Length;
        for (var pos = track.Tokens.Count; pos < end; pos++) track.Tokens.Add(item.Tokens[pos - item.StartPosition]);
        if (!item.WantsToken) return;
        if (track.PromptLength is null)
        {
            if (track.HistoryAtStart != 0) errors.Add($"{item.Sequence} replayed history before its first sample");
            track.PromptLength = end;
        }
        var prompt = track.Tokens.GetRange(0, track.PromptLength.Value);
        var answer = _script(new ScriptStep(item.Sequence, item.Slot, prompt, end - track.PromptLength.Value, call));
        track.Tokens.Add(answer.Token);
        sampled.Add(new SampledToken(item.Sequence, answer.Token, answer.IsEndOfGeneration));
    }

    private void Fail(int call, List<string> errors)
    {
        if (errors.Count == 0) return;
        _violations.AddRange(errors.Select(e => $"call {call}: {e}"));
        throw new PlanViolationException($"call {call}: {string.Join("; ", errors)}");
    }

    private bool InRange(SlotId slot) => slot.Value >= 0 && slot.Value < Info.SlotCount;

    private SequenceTrack TrackOf(SequenceId sequence) =>
        _tracks.TryGetValue(sequence, out var track) ? track : _tracks[sequence] = new SequenceTrack();

    private sealed class SequenceTrack
    {
        public List<int> Tokens { get; } = [];
        public int? PromptLength { get; set; }
        public int HistoryAtStart { get; set; }
        public SlotId? Slot { get; set; }
        public IReadOnlyList<int> Generated => PromptLength is { } p ? Tokens.GetRange(p, Tokens.Count - p) : [];
    }
}
