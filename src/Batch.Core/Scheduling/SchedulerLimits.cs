namespace Batch.Core.Scheduling;

/// <summary>The limits one worker's scheduler plans within.</summary>
/// <param name="MaxSequences">Running sequences at once (never more than the decoder's slots).</param>
/// <param name="MaxBatchTokens">Tokens in one decode step.</param>
/// <param name="MaxSequenceTokens">Tokens one sequence may hold (prompt + output).</param>
/// <param name="SharePrefix">
/// Compute the prompt prefix the requests share once, in a template slot (slot MaxSequences,
/// so the decoder needs one slot more), copy it into slots, and keep it there between rows.
/// </param>
public sealed record SchedulerLimits(int MaxSequences, int MaxBatchTokens, int MaxSequenceTokens, bool SharePrefix = false);
