namespace Batch.Core.Summaries;

/// <summary>The token limits a chunked summary works within.</summary>
/// <param name="SlotTokens">Tokens one sequence holds (prompt + output).</param>
/// <param name="ChunkTokens">The job's <c>chunking.max_tokens</c>.</param>
/// <param name="OverlapTokens">The job's <c>chunking.overlap</c>.</param>
public sealed record SummaryBudget(int SlotTokens, int ChunkTokens, int OverlapTokens);
