using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

public sealed class SchedulerPreemptionTests
{
    [Fact]
    public void Schedule_WhenPoolFull_PreemptsNewestRunning()
    {
        // 6 blocks of 2 tokens; each 3-token prompt + 1 takes 2 blocks, so three sequences fill the pool.
        var h = new SchedulerHarness(blockCount: 6, blockSize: 2);
        var a = h.Enqueue(Requests.Create("a", promptLength: 3, maxTokens: 4));
        var b = h.Enqueue(Requests.Create("b", promptLength: 3, maxTokens: 4));
        var c = h.Enqueue(Requests.Create("c", promptLength: 3, maxTokens: 4));
        h.Step();
        h.Step();
        Assert.Equal(0, h.Pool.FreeBlockCount);

        // a needs a third block: c (newest) goes, freeing two; a and b each take one.
        var (plan, outcome) = h.Step();

        Assert.Equal([a.Id, b.Id], plan.Items.Select(i => i.Sequence));
        Assert.Equal([new SlotId(2)], plan.Released);
        Assert.Equal(SequenceStatus.Waiting, c.Status);
        Assert.Equal((0, 1, 2), (c.ComputedCount, c.PreemptionCount, c.GeneratedCount));
        Assert.Equal(0, h.Pool.BlocksOf(c.Id));
        Assert.Equal((1, 1), (h.Scheduler.PreemptionCount, h.Scheduler.WaitingCount));
        Assert.Empty(outcome.Finished);
        Assert.Equal((0, 0), (a.PreemptionCount, b.PreemptionCount));
    }

    [Fact]
    public void Schedule_PreemptedSequence_RecomputesPromptAndGeneratedWithHistoryReplayed()
    {
        var h = new SchedulerHarness(blockCount: 6, blockSize: 2);
        h.Enqueue(Requests.Create("a", promptLength: 3, maxTokens: 4));
        h.Enqueue(Requests.Create("b", promptLength: 3, maxTokens: 4));
        var c = h.Enqueue(Requests.Create("c", promptLength: 3, maxTokens: 4));
        for (var i = 0; i < 4; i++) h.Step();   // c preempted at step 3; a and b finish at step 4
        Assert.Equal(2, h.Completions.Count);

        var (plan, _) = h.Step();

        Assert.Equal([0, 1], plan.Released.Select(s => s.Value).Order());
        var start = Assert.Single(plan.Started);
        Assert.Equal(new SlotId(0), start.Slot);
        Assert.Equal([Scripts.LetterAt(0), Scripts.LetterAt(1)], start.History);
        var item = Assert.Single(plan.Items);
        Assert.Equal((c.Id, new SlotId(0), 0, true), (item.Sequence, item.Slot, item.StartPosition, item.WantsToken));
        Assert.Equal([.. Requests.Prompt(3), Scripts.LetterAt(0), Scripts.LetterAt(1)], item.Tokens);
        h.RunToCompletion();
        var done = h.CompletionOf("c");
        Assert.Equal(("abcd", 4, FinishReason.Length), (done.Text, done.CompletionTokens, done.FinishReason));
    }

    [Fact]
    public void Schedule_PreemptedSequence_IsRequeuedAtTheFront()
    {
        var h = new SchedulerHarness(maxSequences: 3, blockCount: 6, blockSize: 2);
        h.Enqueue(Requests.Create("a", promptLength: 3, maxTokens: 4));
        h.Enqueue(Requests.Create("b", promptLength: 3, maxTokens: 4));
        var c = h.Enqueue(Requests.Create("c", promptLength: 3, maxTokens: 4));
        h.Enqueue(Requests.Create("d", promptLength: 1, maxTokens: 1));
        h.Step();
        h.Step();
        h.Step();
        Assert.Equal(SequenceStatus.Waiting, c.Status);

        h.RunToCompletion();
        var admittedAfterPreemption = h.Plans.Skip(3)
            .SelectMany(p => p.Started.Select(s => p.Items.Single(i => i.Slot == s.Slot).Sequence)).ToList();

        Assert.Equal(c.Id, admittedAfterPreemption[0]);
        Assert.Equal(4, h.Completions.Count);
    }

    [Fact]
    public void Apply_WhenDecoderReportsNoKvSlot_NothingAdvancesAndNewestIsPreempted()
    {
        var h = new SchedulerHarness(noKvSlotWhen: call => call == 1);
        var a = h.Enqueue(Requests.Create("a", promptLength: 3, maxTokens: 5));
        var b = h.Enqueue(Requests.Create("b", promptLength: 4, maxTokens: 5));
        h.Step();

        var (failed, outcome) = h.Step();

        Assert.Equal(1, outcome.PreemptedCount);
        Assert.Empty(outcome.Finished);
        Assert.Equal((3, 1), (a.ComputedCount, a.GeneratedCount));
        Assert.Equal((SequenceStatus.Running, SequenceStatus.Waiting), (a.Status, b.Status));
        Assert.Equal((0, 1, 1), (b.ComputedCount, b.GeneratedCount, b.PreemptionCount));
        Assert.Equal(0, h.Pool.BlocksOf(b.Id));

        var (retry, _) = h.Step();

        Assert.Equal([new SlotId(1)], retry.Released);
        var again = retry.Items.Single(i => i.Sequence == a.Id);
        var before = failed.Items.Single(i => i.Sequence == a.Id);
        Assert.Equal(before.StartPosition, again.StartPosition);
        Assert.Equal(before.Tokens, again.Tokens);
        Assert.Equal([Scripts.LetterAt(0)], Assert.Single(retry.Started).History);
        h.RunToCompletion();
        Assert.Equal(("abcde", "abcde"), (h.CompletionOf("a").Text, h.CompletionOf("b").Text));
    }

    [Fact]
    public void Apply_WhenEveryDecodeForAWhileReportsNoKvSlot_EveryRowStillFinishesOnce()
    {
        var h = new SchedulerHarness(maxSequences: 3, noKvSlotWhen: call => call is >= 2 and < 12);
        foreach (var id in new[] { "a", "b", "c", "d" }) h.Enqueue(Requests.Create(id, promptLength: 5, maxTokens: 6));

        h.RunToCompletion();

        Assert.Equal(["a", "b", "c", "d"], h.Completions.Select(c => c.Id.Value).Order());
        Assert.All(h.Completions, c => Assert.Equal("abcdef", c.Text));
        Assert.Equal(10, h.Outcomes.Sum(o => o.PreemptedCount));
    }

    [Fact]
    public void TryEnqueue_WhenTheRowCouldOutgrowTheWholePool_RejectsItInsteadOfStalling()
    {
        // 3 blocks of 4 tokens = 12 cells; the context allows 64. The 8-token prompt + 1 fits, 8 + 8 output does not:
        // admitted, it would preempt itself forever.
        var h = new SchedulerHarness(blockCount: 3, blockSize: 4, maxSequenceTokens: 64);
        var accepted = h.Scheduler.TryEnqueue(Requests.Create("a", promptLength: 8, maxTokens: 8), new FakeTextDecoder(), out _, out var error);

        Assert.False(accepted);
        Assert.Contains("whole KV pool holds 12", error);
    }
}
