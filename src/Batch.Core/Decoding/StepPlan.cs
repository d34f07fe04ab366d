namespace Batch.Core.Decoding;

/// <summary>
/// One step for the decoder, applied in this order: trim <see cref="Trimmed"/> slots to their
/// shared prefix, clear <see cref="Released"/> slots, fill slots by <see cref="Copies"/>, carry
/// running sequences to other slots by <see cref="Moves"/>, build samplers for
/// <see cref="Started"/> sequences, then decode <see cref="Items"/> as one batch (whose items
/// already name the slots after the moves).
/// </summary>
public sealed record StepPlan(
    IReadOnlyList<SlotId> Released,
    IReadOnlyList<SlotStart> Started,
    IReadOnlyList<StepItem> Items)
{
    public static StepPlan Empty { get; } = new([], [], []);

    /// <summary>Slots whose row left but which keep their first tokens (the shared prefix) for the next row.</summary>
    public IReadOnlyList<SlotTrim> Trimmed { get; init; } = [];

    /// <summary>Whole-slot copies, e.g. the computed prefix from the template slot into an empty slot.</summary>
    public IReadOnlyList<SlotCopy> Copies { get; init; } = [];

    /// <summary>Running sequences carried, cells and sampler, into free slots (see <c>SlotCompaction</c>).</summary>
    public IReadOnlyList<SlotMove> Moves { get; init; } = [];

    public bool HasWork => Items.Count > 0;

    public int TokenCount => Items.Sum(i => i.Tokens.Length);
}

/// <summary>A span of one sequence's tokens to feed at consecutive positions from <paramref name="StartPosition"/>.</summary>
/// <param name="WantsToken">Sample a next token from the logits of the span's last token.</param>
public sealed record StepItem(SequenceId Sequence, SlotId Slot, int StartPosition, int[] Tokens, bool WantsToken)
{
    /// <summary>Positions in the span whose next-token log-probabilities the scheduler needs (label scoring).</summary>
    public IReadOnlyList<ScoreRequest> Scores { get; init; } = [];
}

/// <summary>A sequence taking a slot: the decoder builds its sampler and replays its history.</summary>
/// <param name="History">Tokens already generated (after a preemption), replayed into the sampler.</param>
public sealed record SlotStart(SlotId Slot, SamplingOptions Sampling, IReadOnlyList<int> History)
{
    /// <summary>Null: no log-probabilities. Otherwise each sampled token's, with this many alternatives (0 = none).</summary>
    public int? TopLogProbabilities { get; init; }
}

/// <summary>Remove a slot's cells from position <paramref name="KeepTokens"/> on.</summary>
public readonly record struct SlotTrim(SlotId Slot, int KeepTokens);

/// <summary>Copy every cell of one slot into another (empty) slot.</summary>
public readonly record struct SlotCopy(SlotId From, SlotId To);

/// <summary>Carry a running sequence from one slot to a free one: its cells (a whole-slot copy, then the source is cleared) and its sampler.</summary>
public readonly record struct SlotMove(SlotId From, SlotId To);
