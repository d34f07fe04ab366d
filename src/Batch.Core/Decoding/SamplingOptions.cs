namespace Batch.Core.Decoding;

/// <summary>How one sequence picks its next token; Temperature 0 means greedy.</summary>
public sealed record SamplingOptions(
    float Temperature,
    int TopK,
    float TopP,
    float MinP,
    float RepeatPenalty,
    uint Seed)
{
    public static SamplingOptions Greedy { get; } = new(0, 0, 1, 0, 1, 0);

    public bool IsGreedy => Temperature <= 0;

    /// <summary>A GBNF grammar (root rule <c>root</c>) every sampled token must follow; null = unconstrained. Checked at job load.</summary>
    public string? Grammar { get; init; }
}
