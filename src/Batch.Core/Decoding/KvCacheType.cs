namespace Batch.Core.Decoding;

/// <summary>The KV cache's element type: Q8_0 halves its bytes, Q4_0 quarters them.</summary>
public enum KvCacheType
{
    F16,
    Q8_0,
    Q4_0,
}
