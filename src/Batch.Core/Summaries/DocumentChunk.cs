namespace Batch.Core.Summaries;

/// <summary>A piece of a document: <see cref="Text"/> is the document's chars [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record DocumentChunk(int Start, int End, string Text, int TokenCount);
