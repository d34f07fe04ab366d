namespace Batch.Core.Scheduling;

/// <summary>The limits one worker's scheduler plans within.</summary>
/// <param name="MaxSequences">Running sequences at once (never more than the decoder's slots).</param>
/// <param name="MaxBatchTokens">Tokens in one decode step.</param>
/// <param name="MaxSequenceTokens">Tokens one sequence may hold (prompt + output).</param>
/// <param name="SharePrefix">
/// Compute the prompt prefix the requests share once, in a template slot (slot MaxSequences,
/// so the decoder needs one slot more), copy it into slots, and keep it there between rows.
/// </param>
/// <param name="PrefixCellsShared">
/// The KV is one unified pool where slots share the prefix's cells, so a row's blocks exclude the
/// prefix (counted once, for the template); in the split layout every slot holds its own copy.
/// </param>
/// <param name="AdmissionWindow">
/// How many waiting rows admission looks at: it takes the one with the most output (max_tokens, then
/// the longest prompt) among them, so the long rows start early and the run does not end on a tail
/// of a few long rows decoding alone (engine.md §3: 15% of the best split run). 1 admits in arrival
/// order. Preempted rows always go first.
/// </param>
/// <param name="CacheSlots">
/// Split layout only: a finished row's cells stay in its slot and a new row whose prompt starts the
/// same way reuses them (<see cref="SlotCache"/>). Ignored with <paramref name="PrefixCellsShared"/>.
/// </param>
/// <param name="CompactSlots">
/// Split layout only: when no row waits, move running rows so their slots stay consecutive
/// (<see cref="SlotCompaction"/>).
/// </param>
public sealed record SchedulerLimits(
    int MaxSequences, int MaxBatchTokens, int MaxSequenceTokens, bool SharePrefix = false, bool PrefixCellsShared = false, int AdmissionWindow = 1,
    bool CacheSlots = false, bool CompactSlots = false);
