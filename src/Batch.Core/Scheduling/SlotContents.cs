using Batch.Core.Decoding;

namespace Batch.Core.Scheduling;

/// <summary>
/// What each slot's KV holds between rows (the shared prefix, a finished row's cached cells) and the
/// KV edits the next plan carries: slots to clear, slots to cut back, copies from the template.
/// The scheduler decides which slot a row takes; this decides what the row finds there. Pure.
/// </summary>
internal sealed class SlotContents(SharedPrefix prefix, SlotCache? cache)
{
    private readonly List<SlotId> _released = [];
    private readonly List<SlotTrim> _trimmed = [];

    /// <summary>The free slot for <paramref name="seq"/>, and how many of its prompt tokens that slot already holds.</summary>
    /// <remarks>Without the cache, the lowest free slot; with it, the slot holding most of the prompt.</remarks>
    public (int Slot, int Cached) Choose(Sequence seq, bool shares, SortedSet<int> freeSlots)
    {
        if (cache is null) return (freeSlots.Min, 0);
        var length = prefix.Tokens.Length;
        return cache.Choose(freeSlots, seq.Request.PromptTokens,
            slot => shares && prefix.SlotHolds(slot) && length < seq.PromptLength ? length : 0);
    }

    /// <summary>A row takes its slot: it starts after what it can reuse there, and the rest of the slot is cleared.</summary>
    public void Enter(Sequence seq, bool shares, int cached, List<SlotCopy> copies)
    {
        var slot = seq.Slot!.Value.Value;
        if (cache is not null && EnterCached(seq, slot, shares, cached)) return;
        if (shares)
        {
            if (prefix.Enter(slot) is { } copy) copies.Add(copy);
            seq.ComputedCount = prefix.Tokens.Length;
            seq.KeptPrefix = seq.ComputedCount;
        }
        else if (prefix.SlotHolds(slot))
        {
            prefix.Forget(slot);
            _released.Add(new SlotId(slot));
        }
    }

    /// <summary>A row left <paramref name="slot"/> having computed <paramref name="computed"/>.</summary>
    public void Leave(SlotId slot, int[] computed)
    {
        // With the cache everything the row computed stays, for a later row that starts the same way.
        if (cache is not null) cache.Retain(slot.Value, computed);
        // A slot whose row started after the shared prefix keeps it for the next row: only the tail goes.
        else if (prefix.SlotHolds(slot.Value)) _trimmed.Add(new SlotTrim(slot, prefix.Tokens.Length));
        else _released.Add(slot);
    }

    /// <summary>A scoring row goes back to <paramref name="keep"/> tokens for its next round of labels.</summary>
    public void Rewind(SlotId slot, int keep) => _trimmed.Add(new SlotTrim(slot, keep));

    /// <summary>A running row's cells move into a free slot, replacing whatever that slot held.</summary>
    public void Move(SlotMove move)
    {
        if (cache?.Holds(move.To.Value) == true) cache.Forget(move.To.Value, evicted: true);
        prefix.Moved(move.From.Value, move.To.Value);
    }

    /// <summary>The clears and cuts gathered since the last plan, for the next one.</summary>
    public (SlotId[] Released, SlotTrim[] Trimmed) TakeEdits()
    {
        var edits = (_released.ToArray(), _trimmed.ToArray());
        _released.Clear();
        _trimmed.Clear();
        return edits;
    }

    // Reuses the slot's cached cells up to the match (a shared prefix the row needs whole must be
    // there whole); otherwise clears what the slot held. True when the row starts after cached cells.
    private bool EnterCached(Sequence seq, int slot, bool shares, int cached)
    {
        var length = prefix.Tokens.Length;
        if (cached > 0 && (!shares || cached >= length))
        {
            _trimmed.Add(new SlotTrim(new SlotId(slot), cached));
            cache!.Forget(slot);
            if (cached < length) prefix.Forget(slot);
            if (shares) prefix.Reused(slot);
            cache.CountHit(cached - (shares ? length : 0));
            seq.ComputedCount = cached;
            seq.KeptPrefix = cached;
            return true;
        }
        if (cache!.Holds(slot))
        {
            cache.Forget(slot, evicted: true);
            prefix.Forget(slot);
            _released.Add(new SlotId(slot));
        }
        return false;
    }
}
