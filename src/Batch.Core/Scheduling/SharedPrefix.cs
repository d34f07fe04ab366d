using Batch.Core.Decoding;

namespace Batch.Core.Scheduling;

/// <summary>
/// The prompt prefix every row shares, on the split KV layout: computed once into a template
/// slot, copied whole into an empty slot when a row first lands there (a memory copy, far cheaper
/// than recomputing), and kept in each slot between rows (only the row's own tail is removed).
/// </summary>
public sealed class SharedPrefix(SlotId templateSlot, int slotCount)
{
    /// <summary>The template's pseudo-sequence, for the block pool and plan items.</summary>
    public static SequenceId TemplateSequence { get; } = new(-1);

    private readonly bool[] _slotHolds = new bool[slotCount];
    private int _computed;

    public SlotId TemplateSlot { get; } = templateSlot;
    public int[] Tokens { get; private set; } = [];
    public bool IsDetected { get; private set; }
    public bool IsReady => Tokens.Length > 0 && _computed == Tokens.Length;

    /// <summary>Prompt tokens rows did not compute because the prefix was already in the KV.</summary>
    public long HitTokens { get; private set; }
    public long CopyCount { get; private set; }

    /// <summary>Times the prefix itself was computed (once, unless the template had to be redone).</summary>
    public int ComputeCount { get; private set; }

    /// <summary>Decides the prefix once, from the first rows queued; false when they share none worth sharing.</summary>
    public bool Detect(IEnumerable<int[]> prompts, int minimumLength)
    {
        IsDetected = true;
        Tokens = PrefixDetector.Detect(prompts, minimumLength);
        if (Tokens.Length > 0) ComputeCount = 1;
        return Tokens.Length > 0;
    }

    public void Disable() => Tokens = [];

    public bool Covers(Sequence seq) => Tokens.Length > 0 && PrefixDetector.StartsWith(seq.Request.PromptTokens, Tokens);

    /// <summary>The next chunk of the template's prefill, or null when done.</summary>
    public StepItem? NextTemplateChunk(int budget)
    {
        if (Tokens.Length == 0 || _computed == Tokens.Length || budget == 0) return null;
        var n = Math.Min(budget, Tokens.Length - _computed);
        return new StepItem(TemplateSequence, TemplateSlot, _computed, Tokens[_computed..(_computed + n)], WantsToken: false);
    }

    public void Computed(int tokens) => _computed += tokens;

    public bool SlotHolds(int slot) => _slotHolds[slot];

    /// <summary>A covered row takes a slot: copy the prefix in unless the slot still holds it.</summary>
    public SlotCopy? Enter(int slot)
    {
        HitTokens += Tokens.Length;
        if (_slotHolds[slot]) return null;
        _slotHolds[slot] = true;
        CopyCount++;
        return new SlotCopy(TemplateSlot, new SlotId(slot));
    }

    public void Forget(int slot) => _slotHolds[slot] = false;

    /// <summary>A running row moved, cells and all, from one slot into another.</summary>
    public void Moved(int from, int to)
    {
        _slotHolds[to] = _slotHolds[from];
        _slotHolds[from] = false;
    }

    /// <summary>A covered row found the prefix already in its slot's cached cells.</summary>
    public void Reused(int slot)
    {
        HitTokens += Tokens.Length;
        _slotHolds[slot] = true;
    }
}
