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
    private readonly List<int> _tokens;
    private readonly ITokenStreamDecoder _textDecoder;
    private readonly StopMatcher _stops;
    private readonly StringBuilder _text = new();

    public Sequence(SequenceId id, GenerationRequest request, ITokenStreamDecoder textDecoder)
    {
        Id = id;
        Request = request;
        _textDecoder = textDecoder;
        _stops = new StopMatcher(request.Stop);
        _tokens = new List<int>(request.PromptTokens.Length + Math.Min(request.MaxTokens, 4096));
        _tokens.AddRange(request.PromptTokens);
    }

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
    public int GeneratedCount => _tokens.Count - PromptLength;

    /// <summary>Tokens still to feed before the next sample: 1 while decoding, more while prefilling.</summary>
    public int PendingCount => _tokens.Count - ComputedCount;

    public IReadOnlyList<int> Generated => _tokens.GetRange(PromptLength, GeneratedCount);

    internal int[] TokenRange(int start, int count) => _tokens.GetRange(start, count).ToArray();

    /// <summary>Appends a sampled token and decides whether the sequence is done.</summary>
    internal bool Append(SampledToken sampled, int maxSequenceTokens)
    {
        _tokens.Add(sampled.Token);
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

    internal Completion ToCompletion() =>
        new(Request.Id, _text.ToString(), FinishReason ?? Scheduling.FinishReason.Error, PromptLength, GeneratedCount, TokenIds: Generated);

    private bool Finish(FinishReason reason)
    {
        FinishReason = reason;
        Status = SequenceStatus.Finished;
        return true;
    }
}
