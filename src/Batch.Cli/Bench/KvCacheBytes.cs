using Batch.Core.Planning;
using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>KV cache bytes per token for each cache element type, from the F16 size.</summary>
public static class KvCacheBytes
{
    /// <summary>Bytes one token takes in a cache of <paramref name="type"/>, given its size at F16 (the planner's formula).</summary>
    public static long PerToken(long f16BytesPerToken, KvCacheType type) =>
        MemoryPlanner.KvBytesPerToken(f16BytesPerToken, Name(type));

    /// <summary>The type's command-line name: f16, q8_0 or q4_0.</summary>
    public static string Name(KvCacheType type) => type.ToString().ToLowerInvariant();
}
