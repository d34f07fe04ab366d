using Batch.Core.Decoding;

namespace Batch.Cli.Bench;

/// <summary>What <c>batch bench</c> was asked to do.</summary>
/// <param name="WorkloadPath">A JSONL workload; null to generate one of <paramref name="Shape"/>.</param>
/// <param name="ModelReference">A GGUF path or <c>synthetic:&lt;preset&gt;</c>.</param>
/// <param name="DecodeSequences">Sequences in the pure-decode probe; 0 skips it.</param>
/// <param name="BandwidthBufferBytes">The memory-bandwidth probe's buffer.</param>
public sealed record BenchOptions(
    string? WorkloadPath,
    WorkloadShape Shape,
    string ModelReference,
    int Threads,
    int Sequences,
    int BatchTokens,
    IReadOnlyList<BenchVariant> Modes,
    int Repeat,
    int WarmUpRows,
    KvCacheTypes CacheType,
    int DecodeSequences,
    string? JsonPath,
    int Seed,
    long BandwidthBufferBytes = MemoryBandwidthProbe.DefaultBufferBytes,
    int DecodeSteps = DecodeProbe.DefaultSteps,
    bool CompareWorkers = false,
    IReadOnlyList<string>? Labels = null)
{
    /// <summary>An error message for the first invalid setting, else null.</summary>
    public string? Validate() =>
        Threads < 1 ? "--threads must be at least 1"
        : Sequences < 1 ? "--sequences must be at least 1"
        : BatchTokens < 1 ? "--batch-tokens must be at least 1"
        : Repeat < 1 ? "--repeat must be at least 1"
        : WarmUpRows < 0 ? "--warmup-rows must not be negative"
        : DecodeSequences < 0 ? "--decode-sequences must not be negative"
        : DecodeSteps < 1 ? "the decode probe needs at least one step"
        : Modes.Count == 0 ? "no modes given"
        : Labels is { } l && (l.Count < 2 || l.Any(string.IsNullOrWhiteSpace) || l.Distinct().Count() != l.Count) ? "--labels needs at least two distinct, non-empty labels"
        : WorkloadPath is null ? Shape.Validate()
        : null;

    /// <summary>The settings every measured run shares.</summary>
    public BenchSettings Settings => new(Threads, Sequences, BatchTokens, CacheType, WarmUpRows);
}
