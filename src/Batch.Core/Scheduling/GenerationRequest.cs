using Batch.Core.Decoding;
using Batch.Core.Rows;

namespace Batch.Core.Scheduling;

/// <summary>One row ready for decoding: its prompt tokens and how to generate from them.</summary>
public sealed record GenerationRequest(
    DocumentId Id,
    int[] PromptTokens,
    int MaxTokens,
    SamplingOptions Sampling,
    IReadOnlyList<string> Stop,
    bool IgnoreEos = false)
{
    /// <summary>Set for classification: score these label continuations instead of generating.</summary>
    public LabelScoring? Scoring { get; init; }

    /// <summary>The most tokens the row can hold: prompt + max_tokens, or prompt + its longest label when scoring.</summary>
    public int LongestTokens => PromptTokens.Length + (Scoring is { } s ? s.Labels.Max(l => l.Length) : MaxTokens);
}
