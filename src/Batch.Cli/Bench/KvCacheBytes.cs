using Batch.Core.Decoding;
using Batch.Core.Planning;

namespace Batch.Cli.Bench;

/// <summary>KV cache bytes per token for each cache element type, from the F16 size.</summary>
public static class KvCacheBytes
{
    /// <summary>Bytes one token takes in a cache of <paramref name="type"/>, given its size at F16 (the planner's formula).</summary>
    public static long PerToken(long f16BytesPerToken, long keyF16BytesPerToken, KvCacheTypes type) =>
        MemoryPlanner.KvBytesPerToken(f16BytesPerToken, keyF16BytesPerToken, type);

    /// <summary>The types' command-line name: f16, q8_0, q4_0, or keys/values such as q4_0/f16.</summary>
    public static string Name(KvCacheTypes type) => type.Name;
}
