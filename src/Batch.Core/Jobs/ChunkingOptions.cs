namespace Batch.Core.Jobs;

/// <summary>The <c>chunking</c> section (with <c>task: summarize</c>): how a document too long for the context is split.</summary>
public sealed record ChunkingOptions
{
    /// <summary>The row field holding the document; <c>prompt.template</c> must use it.</summary>
    public string Field { get; init; } = "text";

    /// <summary>Most tokens of document text in one chunk (lowered per row when the prompt around it leaves less room).</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>Tokens at the end of a chunk repeated at the start of the next one, so no sentence loses its context.</summary>
    public int Overlap { get; init; } = 64;
}
