namespace Batch.Core.Summaries;

/// <summary>One round of a document's map-reduce: the prompts to summarize, all at once.</summary>
/// <param name="Depth">0 for the document's own chunks, 1 for the first reduce, …</param>
/// <param name="InputTokens">Tokens of the text this level splits (the document, or the joined summaries), to check that each level shrinks.</param>
/// <param name="Prompts">One prompt per chunk; a level with one prompt is the last, its output the document's summary.</param>
public sealed record SummaryLevel(int Depth, int InputTokens, IReadOnlyList<string> Prompts)
{
    public bool IsFinal => Prompts.Count == 1;
}
