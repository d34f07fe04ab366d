namespace Batch.Core.Jobs;

/// <summary>The <c>scheduler</c> section: the continuous-batching limits of one worker.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Sequences decoded together in one step.</summary>
    public int MaxSequences { get; init; } = 16;

    /// <summary>Tokens in one llama_decode call (decode tokens plus prefill chunks).</summary>
    public int MaxBatchTokens { get; init; } = 512;

    /// <summary>Waiting rows admission looks at to start the one with the most output first; 1 keeps arrival order.</summary>
    public int AdmissionWindow { get; init; } = 64;
}
