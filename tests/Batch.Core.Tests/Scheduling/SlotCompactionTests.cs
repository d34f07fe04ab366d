using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;
using CsCheck;

namespace Batch.Core.Tests.Scheduling;

/// <summary>Keeping the running rows in consecutive slots once nothing waits (the split layout's tail).</summary>
public sealed class SlotCompactionTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 3, 4, 5 })]
    [InlineData(new[] { 13, 14, 15 })]
    public void Plan_ConsecutiveSlots_MovesNothing(int[] running) => Assert.Empty(SlotCompaction.Plan(running, 16));

    [Fact]
    public void Plan_MovesOnlyTheRowsOutsideTheFullestWindow()
    {
        // 9..14 already holds four of the six rows: two moves, into its gaps 10 and 11.
        var moves = SlotCompaction.Plan([0, 1, 9, 12, 13, 14], 16);

        Assert.Equal([Move(1, 10), Move(0, 11)], moves);
    }

    [Fact]
    public void Plan_AmongEqualWindows_TakesTheLowest()
    {
        var moves = SlotCompaction.Plan([0, 9, 14], 16);

        Assert.Equal([Move(14, 1), Move(9, 2)], moves);
    }

    [Fact]
    public void Plan_AnyRunningSet_EndsConsecutive_WithTheFewestMoves() =>
        Gen.Int[1, 24].SelectMany(slots => Gen.Bool.Array[slots].Select(used => (Slots: slots, Used: used))).Sample(c =>
        {
            var running = Enumerable.Range(0, c.Slots).Where(s => c.Used[s]).ToList();
            var moves = SlotCompaction.Plan(running, c.Slots);

            Assert.All(moves, m => Assert.Contains(m.From.Value, running));
            Assert.All(moves, m => Assert.DoesNotContain(m.To.Value, running));
            Assert.Equal(moves.Count, moves.Select(m => m.From).Distinct().Count());
            Assert.Equal(moves.Count, moves.Select(m => m.To).Distinct().Count());
            var after = running.Except(moves.Select(m => m.From.Value)).Concat(moves.Select(m => m.To.Value)).Order().ToList();
            Assert.Equal(running.Count, after.Count);
            if (after.Count > 0) Assert.Equal(Enumerable.Range(after[0], after.Count), after);
            var n = running.Count;
            var fullest = n == 0 ? 0 : Enumerable.Range(0, c.Slots - n + 1).Max(s => running.Count(r => r >= s && r < s + n));
            Assert.Equal(n - fullest, moves.Count);
        }, iter: 300);

    [Fact]
    public void Scheduler_WhenNothingWaits_DecodesRunningRowsInConsecutiveSlots()
    {
        var compact = Tail(compactSlots: true);
        var plain = Tail(compactSlots: false);

        Assert.True(compact.Decoder.MoveCount > 0);
        Assert.All(TailPlans(compact), p => Assert.True(Consecutive(p), Slots(p)));
        Assert.Contains(TailPlans(plain), p => !Consecutive(p));   // without it the gaps stay
        Assert.Equal(plain.Completions.Select(c => (c.Id.Value, c.Text)).Order(), compact.Completions.Select(c => (c.Id.Value, c.Text)).Order());
    }

    [Fact]
    public void Scheduler_MoveIntoACachedSlot_EvictsWhatItHeld()
    {
        var h = new SchedulerHarness(maxSequences: 3, maxSequenceTokens: 64, cacheSlots: true, compactSlots: true);
        h.Enqueue(Requests.Create("a", promptLength: 4, maxTokens: 12));
        h.Enqueue(Requests.Create("b", promptLength: 4, maxTokens: 2));
        h.Enqueue(Requests.Create("c", promptLength: 4, maxTokens: 12));

        h.RunToCompletion();

        // b leaves slot 1 with its cells cached; c (slot 2) moves in over them.
        Assert.Contains(h.Plans, p => p.Moves.Contains(Move(2, 1)));
        Assert.Equal(1, h.Scheduler.Cache!.Evictions);
        Assert.Equal(3, h.Completions.Count);
    }

    // Five rows on four slots: e takes b's slot 1 and finishes first, after the last start, leaving 0, 2, 3.
    private static SchedulerHarness Tail(bool compactSlots)
    {
        var h = new SchedulerHarness(maxSequences: 4, maxSequenceTokens: 64, compactSlots: compactSlots);
        foreach (var (id, tokens) in new[] { ("a", 20), ("b", 3), ("c", 18), ("d", 16), ("e", 4) })
            h.Enqueue(Requests.Create(id, promptLength: 3, maxTokens: tokens));
        h.RunToCompletion();
        return h;
    }

    private static IEnumerable<StepPlan> TailPlans(SchedulerHarness h)
    {
        var lastStart = h.Plans.Select((p, i) => (p, i)).Last(x => x.p.Started.Count > 0).i;
        return h.Plans.Skip(lastStart + 1);
    }

    private static bool Consecutive(StepPlan plan)
    {
        var slots = plan.Items.Select(i => i.Slot.Value).Order().ToList();
        return slots[^1] - slots[0] + 1 == slots.Count;
    }

    private static string Slots(StepPlan plan) => string.Join(",", plan.Items.Select(i => i.Slot.Value));

    private static SlotMove Move(int from, int to) => new(new SlotId(from), new SlotId(to));
}
