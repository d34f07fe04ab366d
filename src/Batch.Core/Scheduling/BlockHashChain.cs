namespace Batch.Core.Scheduling;

/// <summary>
/// Chained hashes of a token list's whole blocks: block i's hash covers blocks 0..i, so two lists
/// share a block-aligned prefix exactly as far as their chains agree (confirmed by comparing token ids,
/// since hashes can collide).
/// </summary>
public static class BlockHashChain
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>One hash per whole block of <paramref name="tokens"/>.</summary>
    public static ulong[] Of(IReadOnlyList<int> tokens, int blockSize)
    {
        var chain = new ulong[tokens.Count / blockSize];
        var hash = Offset;
        for (var block = 0; block < chain.Length; block++)
        {
            for (var i = block * blockSize; i < (block + 1) * blockSize; i++)
            {
                hash = (hash ^ (uint)tokens[i]) * Prime;
                hash = (hash ^ ((uint)tokens[i] >> 16)) * Prime;
            }
            chain[block] = hash;
        }
        return chain;
    }
}
