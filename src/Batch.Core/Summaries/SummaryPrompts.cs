using Batch.Core.Jobs;
using Batch.Core.Text;

namespace Batch.Core.Summaries;

/// <summary>
/// Renders the two prompts of a chunked summary from a row's field values: the job's template with a
/// chunk in place of the document field (the map step), and the reduce template with chunk summaries
/// in <c>{summaries}</c>. The system text goes first, as for any row.
/// </summary>
public sealed class SummaryPrompts
{
    /// <summary>The reduce template's placeholder for the joined summaries.</summary>
    public const string SummariesPlaceholder = "summaries";

    private readonly PromptTemplate _map;
    private readonly PromptTemplate _reduce;
    private readonly string? _system;

    public SummaryPrompts(JobSpec job)
    {
        _map = PromptTemplate.Parse(job.Prompt.Template);
        _reduce = PromptTemplate.Parse(job.Prompt.ReduceTemplate);
        _system = job.Prompt.System;
        DocumentField = job.Chunking?.Field ?? new ChunkingOptions().Field;
    }

    /// <summary>The row field that holds the document.</summary>
    public string DocumentField { get; }

    /// <summary>Row fields either prompt needs (the document field included).</summary>
    public IReadOnlyList<string> Fields =>
        _map.Placeholders.Union(_reduce.Placeholders.Where(p => p != SummariesPlaceholder)).ToArray();

    public string Map(IReadOnlyDictionary<string, string> values, string chunk) =>
        Render(_map, name => name == DocumentField ? chunk : values.GetValueOrDefault(name));

    public string Reduce(IReadOnlyDictionary<string, string> values, string summaries) =>
        Render(_reduce, name => name == SummariesPlaceholder ? summaries : values.GetValueOrDefault(name));

    /// <summary>Tokens of the larger prompt around an empty document or summary list (BOS included).</summary>
    public int OverheadTokens(ITokenizer tokenizer, IReadOnlyDictionary<string, string> values) => Math.Max(
        tokenizer.Tokenize(Map(values, ""), addBos: true).Length,
        tokenizer.Tokenize(Reduce(values, ""), addBos: true).Length);

    private string Render(PromptTemplate template, Func<string, string?> lookup)
    {
        // The row preparer checked every field the templates use, so a missing one is a bug.
        if (!template.TryRender(lookup, out var rendered, out var missing))
            throw new InvalidOperationException($"no value for '{{{missing}}}'");
        return _system is null ? rendered : _system + "\n\n" + rendered;
    }
}
