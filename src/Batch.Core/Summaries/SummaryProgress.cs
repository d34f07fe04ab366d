using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.Core.Summaries;

/// <summary>
/// One document's summary in progress: the level being summarized, the summaries back so far, and
/// the totals its output row reports. Not thread-safe; its coordinator serialises access.
/// </summary>
public sealed class SummaryProgress
{
    private string?[] _summaries = [];
    private int _missing;

    public SummaryProgress(PreparedRow row, int maxTokens)
    {
        Row = row;
        MaxTokens = maxTokens;
    }

    public PreparedRow Row { get; }
    public int MaxTokens { get; }
    public SummaryLevel? Level { get; private set; }
    public int PromptTokens { get; private set; }
    public int CompletionTokens { get; private set; }

    /// <summary>Requests the document needed so far (chunks of every level).</summary>
    public int RequestCount { get; private set; }

    /// <summary>How the last request finished (the final summary's finish reason once the document is done).</summary>
    public FinishReason LastFinishReason { get; private set; } = FinishReason.Stop;

    /// <summary>The token ids of the last request (the final summary's once the document is done).</summary>
    public IReadOnlyList<int>? LastTokenIds { get; private set; }

    public IReadOnlyList<string> Summaries => _summaries.Select(s => s ?? "").ToArray();

    /// <summary>The id of the request for prompt <paramref name="index"/> of the current level: the row id + <c>#L</c>depth<c>.</c>index.</summary>
    /// <remarks>Row ids are unique and the suffix never contains '#', so these ids are unique too.</remarks>
    public DocumentId RequestId(int index) => new($"{Row.Id.Value}#L{Level!.Depth}.{index}");

    /// <summary>Starts a level: every prompt of it is now outstanding.</summary>
    public void Begin(SummaryLevel level)
    {
        Level = level;
        _summaries = new string?[level.Prompts.Count];
        _missing = level.Prompts.Count;
        RequestCount += level.Prompts.Count;
    }

    /// <summary>Records one request's completion; true when it was the level's last.</summary>
    public bool Record(int index, Completion completion)
    {
        if (_summaries[index] is not null) throw new InvalidOperationException($"prompt {index} of level {Level!.Depth} finished twice");
        _summaries[index] = completion.Text;
        PromptTokens += completion.PromptTokens;
        CompletionTokens += completion.CompletionTokens;
        LastFinishReason = completion.FinishReason;
        LastTokenIds = completion.TokenIds;
        return --_missing == 0;
    }

    /// <summary>Adds the tokens of a request that failed, so the error row still counts them.</summary>
    public void Count(Completion failed)
    {
        PromptTokens += failed.PromptTokens;
        CompletionTokens += failed.CompletionTokens;
    }
}
