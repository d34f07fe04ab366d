using Batch.Core.Decoding;
using Batch.Core.Rows;

namespace Batch.Core.Scheduling;

/// <summary>A finished sequence: the text it produced and its token counts.</summary>
public sealed record Completion(
    DocumentId Id,
    string Text,
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    string? Error = null,
    IReadOnlyList<int>? TokenIds = null)
{
    /// <summary>For a scoring request: each label's summed log-probability, in the request's label order.</summary>
    public IReadOnlyList<double>? LabelLogProbabilities { get; init; }

    /// <summary>Each generated token's log-probability, when the request asked for them.</summary>
    public IReadOnlyList<TokenLogProbability>? LogProbabilities { get; init; }
}
