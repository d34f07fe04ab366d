using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>KV cache bytes per token for each cache element type, from the F16 size.</summary>
public static class KvCacheBytes
{
    // ggml block formats: 32 values per block; Q8_0 = 2-byte scale + 32 bytes, Q4_0 = 2-byte scale + 16 bytes.
    private const int BlockValues = 32;
    private const int Q8_0BlockBytes = 34;
    private const int Q4_0BlockBytes = 18;

    /// <summary>Bytes one token takes in a cache of <paramref name="type"/>, given its size at F16.</summary>
    public static long PerToken(long f16BytesPerToken, KvCacheType type)
    {
        var values = f16BytesPerToken / sizeof(ushort);
        return type switch
        {
            KvCacheType.F16 => f16BytesPerToken,
            KvCacheType.Q8_0 => values / BlockValues * Q8_0BlockBytes,
            KvCacheType.Q4_0 => values / BlockValues * Q4_0BlockBytes,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    /// <summary>The type's command-line name: f16, q8_0 or q4_0.</summary>
    public static string Name(KvCacheType type) => type.ToString().ToLowerInvariant();
}
