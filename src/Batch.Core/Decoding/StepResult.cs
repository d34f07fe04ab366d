namespace Batch.Core.Decoding;

/// <summary>What one decode produced: a status and the sampled tokens.</summary>
public sealed record StepResult(DecodeStatus Status, IReadOnlyList<SampledToken> Tokens)
{
    /// <summary>Answers to the plan's <see cref="StepItem.Scores"/>.</summary>
    public IReadOnlyList<TokenScores> Scores { get; init; } = [];

    public static StepResult NoKvSlot { get; } = new(DecodeStatus.NoKvSlot, []);
}

/// <summary>A token sampled for one sequence; <paramref name="IsEndOfGeneration"/> per the vocabulary.</summary>
/// <param name="LogProbability">Set when the sequence asked for log-probabilities (<see cref="SlotStart.TopLogProbabilities"/>).</param>
public readonly record struct SampledToken(SequenceId Sequence, int Token, bool IsEndOfGeneration, TokenLogProbability? LogProbability = null);

/// <summary>Expected decode outcomes; fatal failures are exceptions.</summary>
public enum DecodeStatus
{
    Ok,
    /// <summary>The KV cache had no room: nothing was decoded; preempt and retry.</summary>
    NoKvSlot,
}
