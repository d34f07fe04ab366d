using Batch.Core.Decoding;
using Batch.Core.Rows;

namespace Batch.Core.Scheduling;

/// <summary>One row ready for decoding: its prompt tokens and how to generate from them.</summary>
/// <param name="ResponseFormat">The row's <c>response_format</c> (JSON text) to constrain the output to; null = free text. Not yet enforced by the decoder.</param>
/// <param name="TopLogprobs">Log-probabilities asked for (null = none); not yet produced by the decoder.</param>
public sealed record GenerationRequest(
    DocumentId Id,
    int[] PromptTokens,
    int MaxTokens,
    SamplingOptions Sampling,
    IReadOnlyList<string> Stop,
    bool IgnoreEos = false,
    string? ResponseFormat = null,
    int? TopLogprobs = null)
{
    /// <summary>Set for classification: score these label continuations instead of generating.</summary>
    public LabelScoring? Scoring { get; init; }

    /// <summary>The most tokens the row can hold: prompt + max_tokens, or prompt + its longest label when scoring.</summary>
    public int LongestTokens => PromptTokens.Length + OutputTokens;

    /// <summary>The most tokens the row feeds after its prompt: max_tokens, or its longest label when scoring.</summary>
    public int OutputTokens => Scoring is { } s ? s.Labels.Max(l => l.Length) : MaxTokens;
}
