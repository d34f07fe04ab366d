using System.Diagnostics;
using Batch.Core.Decoding;

namespace Batch.Core.Scheduling;

/// <summary>
/// Logical KV accounting in fixed-size blocks.
/// Design: llama.cpp owns the physical cells and exposes no "used cells" query, so the engine
/// counts for itself. The cache is cut into blocks of <see cref="BlockSize"/> tokens; each
/// sequence owns a table of blocks covering its tokens. The scheduler only asks ("can this
/// sequence reach N tokens?") and this class alone moves blocks between the free list and the
/// tables, so "no room" is a false return, never an exception.
/// </summary>
public sealed class BlockPool
{
    private readonly Stack<int> _free;
    private readonly Dictionary<SequenceId, List<int>> _tables = [];

    public BlockPool(int blockCount, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        BlockCount = blockCount;
        BlockSize = blockSize;
        // Pushed in reverse so the lowest block ids are handed out first.
        _free = new Stack<int>(Enumerable.Range(0, blockCount).Reverse());
    }

    public int BlockCount { get; }
    public int BlockSize { get; }
    public int FreeBlockCount => _free.Count;
    public int UsedBlockCount => BlockCount - _free.Count;
    public int PeakUsedBlockCount { get; private set; }

    public int BlocksFor(int tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>Whether a sequence of this many tokens could fit in the pool when it is empty.</summary>
    public bool CanEverHold(int tokens) => BlocksFor(tokens) <= BlockCount;

    public int BlocksOf(SequenceId sequence) => _tables.TryGetValue(sequence, out var t) ? t.Count : 0;

    /// <summary>Grows the sequence's table to cover <paramref name="tokens"/> tokens; all or nothing.</summary>
    public bool TryReserve(SequenceId sequence, int tokens)
    {
        var table = _tables.GetValueOrDefault(sequence);
        var missing = BlocksFor(tokens) - (table?.Count ?? 0);
        if (missing <= 0) return true;
        if (missing > _free.Count) return false;

        if (table is null) _tables[sequence] = table = new List<int>(missing);
        for (var i = 0; i < missing; i++) table.Add(_free.Pop());
        PeakUsedBlockCount = Math.Max(PeakUsedBlockCount, UsedBlockCount);
        AssertInvariants();
        return true;
    }

    /// <summary>Returns every block of the sequence to the free list.</summary>
    public void Free(SequenceId sequence)
    {
        if (!_tables.Remove(sequence, out var table)) return;
        for (var i = table.Count - 1; i >= 0; i--) _free.Push(table[i]);
        AssertInvariants();
    }

    /// <summary>Debug-only: every block is either free or owned by exactly one table.</summary>
    [Conditional("DEBUG")]
    public void AssertInvariants()
    {
        var seen = new HashSet<int>(_free);
        Debug.Assert(seen.Count == _free.Count, "a block is free twice");
        foreach (var block in _tables.Values.SelectMany(t => t))
            Debug.Assert(seen.Add(block), $"block {block} is owned twice or both owned and free");
        Debug.Assert(seen.Count == BlockCount, "a block was lost");
    }
}
