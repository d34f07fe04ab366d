using Batch.Core.Decoding;

namespace Batch.Cli.Bench;

/// <summary>What every measured run shares: threads, scheduler limits, KV type and warm-up.</summary>
/// <param name="Sequences">N: sequences at once in the batched modes.</param>
/// <param name="BatchTokens">Tokens per decode step (llama.cpp's n_batch and n_ubatch).</param>
/// <param name="WarmUpRows">Short rows decoded untimed on each fresh decoder before its run.</param>
/// <param name="BlockSize">Tokens per block in the scheduler's KV accounting.</param>
public sealed record BenchSettings(
    int Threads,
    int Sequences,
    int BatchTokens,
    KvCacheTypes CacheType,
    int WarmUpRows,
    int BlockSize = 16)
{
    /// <summary>Prompt tokens of a warm-up row (its first tokens).</summary>
    public const int WarmUpPromptTokens = 32;

    /// <summary>Tokens a warm-up row generates.</summary>
    public const int WarmUpOutputTokens = 8;

    /// <summary>Waiting rows the batched modes' admission looks at (longest first), as jobs default to.</summary>
    public static int AdmissionWindow { get; } = new Batch.Core.Jobs.SchedulerOptions().AdmissionWindow;

    /// <summary>The labels the classification modes score when <c>--labels</c> is not given.</summary>
    public static IReadOnlyList<string> DefaultLabels { get; } = ["positive", "negative", "neutral", "mixed"];
}
