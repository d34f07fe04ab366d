namespace Batch.Core.Jobs;

/// <summary>The <c>generation</c> section: sampling and stopping rules for every row.</summary>
public sealed record GenerationOptions
{
    public int MaxTokens { get; init; } = 256;

    /// <summary>A row field that overrides <see cref="MaxTokens"/> for that row (a positive integer); null = none.</summary>
    public string? MaxTokensField { get; init; }
    /// <summary>0 means greedy decoding.</summary>
    public float Temperature { get; init; }
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.95f;
    public float MinP { get; init; } = 0.05f;
    public float RepeatPenalty { get; init; } = 1.0f;
    /// <summary>Job seed; each row's seed derives from it and the row id.</summary>
    public uint Seed { get; init; } = 42;
    public IReadOnlyList<string> Stop { get; init; } = [];
    /// <summary>Keep generating past end-of-generation tokens (benchmarks only).</summary>
    public bool IgnoreEos { get; init; }
}
