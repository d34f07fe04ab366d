namespace Batch.Core.Summaries;

/// <summary>
/// The smallest piece the chunker moves: a word with the whitespace after it (or a slice of a word
/// too long for a chunk), its token count alone, and how good a cut right after it is.
/// </summary>
public readonly record struct TextUnit(int Start, int End, int TokenCount, Boundary After);
