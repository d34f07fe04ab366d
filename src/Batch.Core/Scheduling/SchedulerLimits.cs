namespace Batch.Core.Scheduling;

/// <summary>The limits one worker's scheduler plans within.</summary>
/// <param name="MaxSequences">Running sequences at once (never more than the decoder's slots).</param>
/// <param name="MaxBatchTokens">Tokens in one decode step.</param>
/// <param name="MaxSequenceTokens">Tokens one sequence may hold (prompt + output).</param>
public sealed record SchedulerLimits(int MaxSequences, int MaxBatchTokens, int MaxSequenceTokens);
