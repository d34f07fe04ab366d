namespace Batch.Cli.Bench;

/// <summary>The hardware and model limits the measured numbers should be read against.</summary>
/// <param name="KvBytesPerTokenF16">KV cache bytes per token at F16 (from the GGUF header).</param>
/// <param name="KvBytesPerToken">KV cache bytes per token for the cache type the runs use.</param>
/// <param name="MemoryBandwidthBytesPerSecond">Best streaming-read rate over <see cref="BandwidthBufferBytes"/> on <see cref="Threads"/> threads.</param>
/// <param name="Batch1BoundTokensPerSecond">Bandwidth ÷ model bytes: batch-1 decoding reads every weight once per token.</param>
public sealed record MachineLimits(
    string ModelPath,
    long ModelFileBytes,
    long ParameterCount,
    string Quantization,
    long KvBytesPerTokenF16,
    string KvCacheType,
    long KvBytesPerToken,
    int Threads,
    int ProcessorCount,
    long BandwidthBufferBytes,
    double MemoryBandwidthBytesPerSecond,
    double Batch1BoundTokensPerSecond,
    string NativeLibrary);
