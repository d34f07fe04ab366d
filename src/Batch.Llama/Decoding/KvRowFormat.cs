using Batch.Core.Decoding;

namespace Batch.Llama.Decoding;

/// <summary>How a cache stores one half's rows (keys or values): the element type, and the width of the Walsh–Hadamard groups its rows are rotated by (0: stored plain).</summary>
public readonly record struct KvRowFormat(KvCacheType Type, int RotationWidth)
{
    /// <summary>The types <see cref="KvStateConverter"/> writes: f16 (copied, or rotated and rounded back) and q8_0.</summary>
    public static bool CanWrite(KvCacheType type) => type is KvCacheType.F16 or KvCacheType.Q8_0;
}
