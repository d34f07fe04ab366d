namespace Batch.Core.Scheduling;

/// <summary>
/// Automatic prefix caching for the split layout: what each free slot's KV still holds after its row
/// left. A new row takes the free slot whose cells share the longest block-aligned prefix with its
/// prompt (chained block hashes, confirmed by token ids) and starts after it; on a miss it takes an
/// empty slot, else evicts the least recently used one. Free slots' cells cost nothing here: each
/// split slot owns a fixed stream, so the cache needs no room in the block pool. Pure.
/// </summary>
public sealed class SlotCache(int slotCount, int blockSize)
{
    private readonly int[]?[] _tokens = new int[]?[slotCount];
    private readonly ulong[]?[] _chains = new ulong[]?[slotCount];
    private readonly long[] _lastUsed = new long[slotCount];
    private long _tick;

    /// <summary>Prompt tokens rows found already in their slot (beyond any shared prefix counted elsewhere).</summary>
    public long HitTokens { get; private set; }

    /// <summary>Rows that found some of their prompt cached.</summary>
    public long Hits { get; private set; }

    /// <summary>Rows that looked and found nothing.</summary>
    public long Misses { get; private set; }

    /// <summary>Slots whose cached cells were dropped for a row that could not use them.</summary>
    public long Evictions { get; private set; }

    public bool Holds(int slot) => _tokens[slot] is { Length: > 0 };

    /// <summary>A row left <paramref name="slot"/>; its first <paramref name="tokens"/> stay in the KV.</summary>
    public void Retain(int slot, int[] tokens)
    {
        _tokens[slot] = tokens;
        _chains[slot] = BlockHashChain.Of(tokens, blockSize);
        _lastUsed[slot] = ++_tick;
    }

    /// <summary>The slot's cells now belong to a row (or were cleared).</summary>
    public void Forget(int slot, bool evicted = false)
    {
        if (evicted && Holds(slot)) Evictions++;
        _tokens[slot] = null;
        _chains[slot] = null;
    }

    /// <summary>
    /// The free slot for <paramref name="prompt"/> and how many of its leading tokens that slot holds,
    /// block-aligned and short of the prompt's last token (a row must feed at least one token).
    /// <paramref name="bonus"/> may raise a slot's match (a shared prefix it holds whole).
    /// </summary>
    public (int Slot, int Cached) Choose(IReadOnlyCollection<int> freeSlots, int[] prompt, Func<int, int>? bonus = null)
    {
        var chain = BlockHashChain.Of(prompt, blockSize);
        var (bestSlot, best) = (-1, 0);
        foreach (var slot in freeSlots)
        {
            var cached = Math.Max(Match(slot, prompt, chain), bonus?.Invoke(slot) ?? 0);
            if (cached > best) (bestSlot, best) = (slot, cached);
        }
        if (best > 0)
        {
            Hits++;
            return (bestSlot, best);
        }
        Misses++;
        // A miss takes an empty slot if there is one, else the least recently used cached one.
        foreach (var slot in freeSlots)
        {
            if (!Holds(slot)) return (slot, 0);
        }
        return (freeSlots.MinBy(s => _lastUsed[s]), 0);
    }

    public void CountHit(int tokens) => HitTokens += tokens;

    private int Match(int slot, int[] prompt, ulong[] promptChain)
    {
        if (_tokens[slot] is not { } held) return 0;
        var chain = _chains[slot]!;
        var limit = Math.Min(Math.Min(chain.Length, promptChain.Length), (prompt.Length - 1) / blockSize);
        var blocks = 0;
        while (blocks < limit && chain[blocks] == promptChain[blocks]) blocks++;
        var length = blocks * blockSize;
        for (var i = 0; i < length; i++)
        {
            if (held[i] != prompt[i]) return i / blockSize * blockSize;
        }
        return length;
    }
}
