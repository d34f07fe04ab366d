using Batch.Core.Text;

namespace Batch.Core.Summaries;

/// <summary>
/// Decides a document's map-reduce, one level at a time, without running anything. A document whose
/// whole prompt fits a sequence (with room for the output) is one request. Otherwise it is chunked
/// and each chunk summarized; the summaries, joined by blank lines, go into one reduce prompt when
/// that fits, or are chunked and summarized again, as deep as needed. Each level must produce fewer
/// tokens than it read, so the recursion ends: a level that does not shrink fails the document
/// instead of looping. Pure: thread-safe, and the same inputs give the same plan.
/// </summary>
public sealed class SummaryPlanner(ITokenizer tokenizer, SummaryPrompts prompts, SummaryBudget budget)
{
    /// <summary>Below this many tokens of text per chunk a summary could not shrink anything.</summary>
    public const int MinChunkTokens = 8;

    private readonly DocumentChunker _chunker = new(tokenizer);

    /// <summary>The first level of a document, from the row's field values and its output limit.</summary>
    public SummaryStep Start(IReadOnlyDictionary<string, string> values, int maxTokens)
    {
        var document = values[prompts.DocumentField];
        var whole = prompts.Map(values, document);
        var documentTokens = tokenizer.Tokenize(document, addBos: false).Length;
        if (Fits(whole, maxTokens)) return new SummaryStep.Run(new SummaryLevel(0, documentTokens, [whole]));
        return Chunked(0, document, documentTokens, maxTokens, prompts.Map(values, ""), chunk => prompts.Map(values, chunk));
    }

    /// <summary>After every prompt of <paramref name="done"/> was summarized (in order): the next level, or the result.</summary>
    public SummaryStep Next(IReadOnlyDictionary<string, string> values, SummaryLevel done, IReadOnlyList<string> summaries, int maxTokens)
    {
        if (summaries.Count != done.Prompts.Count)
            throw new ArgumentException($"{summaries.Count} summaries for {done.Prompts.Count} prompts", nameof(summaries));
        if (done.IsFinal) return new SummaryStep.Finish(summaries[0].Trim());
        var joined = string.Join("\n\n", summaries.Select(s => s.Trim()));
        var tokens = tokenizer.Tokenize(joined, addBos: false).Length;
        if (tokens >= done.InputTokens)
        {
            return new SummaryStep.Fail($"summaries do not shrink: level {done.Depth} turned {done.InputTokens} tokens into "
                + $"{done.Prompts.Count} summaries of {tokens} tokens; lower generation.max_tokens or raise chunking.max_tokens");
        }
        var whole = prompts.Reduce(values, joined);
        if (Fits(whole, maxTokens)) return new SummaryStep.Run(new SummaryLevel(done.Depth + 1, tokens, [whole]));
        return Chunked(done.Depth + 1, joined, tokens, maxTokens, prompts.Reduce(values, ""), chunk => prompts.Reduce(values, chunk));
    }

    private SummaryStep Chunked(int depth, string text, int textTokens, int maxTokens, string emptyPrompt, Func<string, string> render)
    {
        var overhead = tokenizer.Tokenize(emptyPrompt, addBos: true).Length;
        var chunkTokens = Math.Min(budget.ChunkTokens, budget.SlotTokens - maxTokens - overhead);
        if (chunkTokens < MinChunkTokens)
        {
            return new SummaryStep.Fail($"no room for a chunk: a sequence holds {budget.SlotTokens} tokens, the prompt around a chunk "
                + $"takes {overhead} and the output {maxTokens}; raise model.context or lower generation.max_tokens");
        }
        var overlap = Math.Min(budget.OverlapTokens, chunkTokens / 2);
        var chunks = _chunker.Split(text, chunkTokens, overlap);
        return new SummaryStep.Run(new SummaryLevel(depth, textTokens, chunks.Select(c => render(c.Text)).ToArray()));
    }

    private bool Fits(string prompt, int maxTokens) => tokenizer.Tokenize(prompt, addBos: true).Length + maxTokens <= budget.SlotTokens;
}
