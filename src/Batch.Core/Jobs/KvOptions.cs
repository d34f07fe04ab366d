using Batch.Core.Decoding;

namespace Batch.Core.Jobs;

/// <summary>The <c>kv</c> section: how the KV cache is laid out and shared.</summary>
public sealed record KvOptions
{
    /// <summary>
    /// KV element types: <c>f16</c>, <c>q8_0</c> (half the bytes) or <c>q4_0</c> (a quarter) for keys and values,
    /// or a keys/values pair such as <c>q4_0/f16</c>; parsed once, by the job reader.
    /// </summary>
    public KvCacheTypes CacheType { get; init; } = KvCacheType.F16;

    /// <summary>Compute the prompt prefix rows share once per worker and keep it in the KV between rows.</summary>
    public bool PrefixSharing { get; init; } = true;

    /// <summary>Split layout: keep a finished row's cells in its slot for a later row that starts the same way.</summary>
    public bool PrefixCache { get; init; } = true;

    /// <summary>
    /// <c>split</c>: one fixed KV stream per sequence (the fast layout on CPU: attention scans only
    /// the sequence's own cells); <c>unified</c>: one pool shared by all sequences, sized to the
    /// typical batch (less memory; every query scans every used cell). <c>auto</c> picks split.
    /// </summary>
    public string Layout { get; init; } = "auto";

    /// <summary>Tokens per block in the KV accounting.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>Memory for weights + compute buffers + KV; null = no limit (max_sequences as asked).</summary>
    public long? MemoryBudgetBytes { get; init; }
}
