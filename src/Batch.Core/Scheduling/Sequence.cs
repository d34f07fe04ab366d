using System.Text;
using Batch.Core.Decoding;
using Batch.Core.Text;

namespace Batch.Core.Scheduling;

/// <summary>
/// One row's decoding state: its tokens (prompt, then generated), how many of them are in the
/// KV cache, and the text produced so far. Owned and changed only by the <see cref="Scheduler"/>.
/// </summary>
public sealed class Sequence
{
    private readonly ITokenStreamDecoder _textDecoder;
    private readonly StopMatcher _stops;
    private readonly StringBuilder _text = new();
    private readonly LabelScorer? _scorer;
    private List<int> _tokens;
    private readonly List<TokenLogProbability>? _logProbabilities;

    public Sequence(SequenceId id, GenerationRequest request, ITokenStreamDecoder textDecoder)
    {
        Id = id;
        Request = request;
        _textDecoder = textDecoder;
        _stops = new StopMatcher(request.Stop);
        if (request.Scoring is { } scoring)
        {
            _scorer = new LabelScorer(request.PromptTokens, scoring);
            _tokens = [.. _scorer.Current.Tokens];
            return;
        }
        _tokens = new List<int>(request.PromptTokens.Length + Math.Min(request.MaxTokens, 4096));
        _tokens.AddRange(request.PromptTokens);
        if (request.TopLogprobs is not null) _logProbabilities = [];
    }

    /// <summary>A classification row: it scores labels and never samples.</summary>
    public bool IsScoring => _scorer is not null;

    /// <summary>The most tokens this row holds in the KV at once before it finishes: the pool reserves this up front for scoring rows.</summary>
    internal int PeakTokens => _scorer?.PeakTokens ?? _tokens.Count;

    /// <summary>Leading cells of the slot that hold the shared prefix this row started after (kept across scoring passes).</summary>
    internal int KeptPrefix { get; set; }

    public SequenceId Id { get; }
    public GenerationRequest Request { get; }
    public SequenceStatus Status { get; internal set; } = SequenceStatus.Waiting;
    public SlotId? Slot { get; internal set; }

    /// <summary>Tokens of this sequence already in the KV cache (positions 0..ComputedCount-1).</summary>
    public int ComputedCount { get; internal set; }

    public int PreemptionCount { get; internal set; }

    /// <summary>Leading tokens whose cells belong to the shared prefix, not to this sequence's blocks.</summary>
    internal int SharedCells { get; set; }
    public FinishReason? FinishReason { get; private set; }

    public int TokenCount => _tokens.Count;
    public int PromptLength => Request.PromptTokens.Length;
    public int GeneratedCount => IsScoring ? 0 : _tokens.Count - PromptLength;

    /// <summary>Tokens still to feed before the next sample: 1 while decoding, more while prefilling.</summary>
    public int PendingCount => _tokens.Count - ComputedCount;

    public IReadOnlyList<int> Generated => _tokens.GetRange(PromptLength, GeneratedCount);

    internal int[] TokenRange(int start, int count) => _tokens.GetRange(start, count).ToArray();

    /// <summary>The tokens in the KV cache, positions 0..ComputedCount-1.</summary>
    internal int[] ComputedTokens => TokenRange(0, ComputedCount);

    /// <summary>Appends a sampled token and decides whether the sequence is done.</summary>
    internal bool Append(SampledToken sampled, int maxSequenceTokens)
    {
        _tokens.Add(sampled.Token);
        if (sampled.LogProbability is { } logProbability) _logProbabilities?.Add(logProbability);
        if (sampled.IsEndOfGeneration && !Request.IgnoreEos)
            return Finish(Scheduling.FinishReason.Stop);

        var before = _text.Length;
        _text.Append(_textDecoder.Append(sampled.Token));
        if (_text.Length > before)
        {
            var stopAt = _stops.Find(_text.ToString(), before);
            if (stopAt >= 0)
            {
                _text.Length = stopAt;
                return Finish(Scheduling.FinishReason.Stop);
            }
        }

        if (GeneratedCount >= Request.MaxTokens || _tokens.Count >= maxSequenceTokens)
            return Finish(Scheduling.FinishReason.Length);
        return false;
    }

    internal Completion ToCompletion() => _scorer is not null
        ? new(Request.Id, string.Empty, FinishReason ?? Scheduling.FinishReason.Error, PromptLength, 0) { LabelLogProbabilities = _scorer.Sums.ToArray() }
        : new(Request.Id, _text.ToString(), FinishReason ?? Scheduling.FinishReason.Error, PromptLength, GeneratedCount, TokenIds: Generated)
        {
            LogProbabilities = _logProbabilities,
        };

    /// <summary>The score requests for the span of <paramref name="count"/> tokens fed from <paramref name="start"/>.</summary>
    internal IReadOnlyList<ScoreRequest> ScoresFor(int start, int count)
    {
        if (_scorer is null) return [];
        var requests = new List<ScoreRequest>();
        foreach (var (position, targets) in _scorer.Current.Targets)
        {
            if (position >= start && position < start + count)
                requests.Add(new ScoreRequest(position - start, targets.Select(t => t.Token).ToArray()));
        }
        return requests;
    }

    /// <summary>Adds the decoder's answers for a span fed from <paramref name="start"/>.</summary>
    internal void AddScores(int start, TokenScores scores)
    {
        var targets = _scorer!.Current.Targets[start + scores.Offset];
        for (var i = 0; i < targets.Length; i++) _scorer.Add(targets[i], scores.LogProbabilities[i]);
    }

    /// <summary>
    /// After a scoring pass is fed: moves to the next pass and returns the position the slot's KV must
    /// be cut back to, or null when every label is scored (the row is finished).
    /// </summary>
    internal int? NextScoringRound()
    {
        if (!_scorer!.TryAdvance())
        {
            Finish(Scheduling.FinishReason.Stop);
            return null;
        }
        _tokens = [.. _scorer.Current.Tokens];
        ComputedCount = Math.Max(_scorer.Current.RewindTo, KeptPrefix);
        return ComputedCount;
    }

    /// <summary>Forgets what the KV held (a preemption): a scoring row starts its passes over.</summary>
    internal void ResetForRecompute()
    {
        ComputedCount = 0;
        KeptPrefix = 0;
        if (_scorer is null) return;
        _scorer.Reset();
        _tokens = [.. _scorer.Current.Tokens];
    }

    private bool Finish(FinishReason reason)
    {
        FinishReason = reason;
        Status = SequenceStatus.Finished;
        return true;
    }
}
