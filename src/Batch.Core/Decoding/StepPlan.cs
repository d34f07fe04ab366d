namespace Batch.Core.Decoding;

/// <summary>One step for the decoder: what to free, what to start, and the batch to decode.</summary>
public sealed record StepPlan(
    IReadOnlyList<SlotId> Released,
    IReadOnlyList<SlotStart> Started,
    IReadOnlyList<StepItem> Items)
{
    public static StepPlan Empty { get; } = new([], [], []);

    public bool HasWork => Items.Count > 0;

    public int TokenCount => Items.Sum(i => i.Tokens.Length);
}

/// <summary>A span of one sequence's tokens to feed at consecutive positions from <paramref name="StartPosition"/>.</summary>
/// <param name="WantsToken">Sample a next token from the logits of the span's last token.</param>
public sealed record StepItem(SequenceId Sequence, SlotId Slot, int StartPosition, int[] Tokens, bool WantsToken);

/// <summary>A sequence taking a slot: the decoder builds its sampler and replays its history.</summary>
/// <param name="History">Tokens already generated (after a preemption), replayed into the sampler.</param>
public sealed record SlotStart(SlotId Slot, SamplingOptions Sampling, IReadOnlyList<int> History);
