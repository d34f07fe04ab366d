using Batch.Core.Decoding;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

public sealed class SchedulerAdmissionTests
{
    [Fact]
    public void Schedule_WhenNothingIsQueued_ReturnsPlanWithoutWork()
    {
        var h = new SchedulerHarness();

        var plan = h.Scheduler.Schedule();

        Assert.False(plan.HasWork);
        Assert.Empty(plan.Released);
        Assert.Empty(plan.Started);
        Assert.True(h.Scheduler.IsIdle);
    }

    [Fact]
    public void Schedule_AdmitsAtMostMaxSequences()
    {
        var h = new SchedulerHarness(maxSequences: 2);
        h.Enqueue(Requests.Create("a"));
        h.Enqueue(Requests.Create("b"));
        h.Enqueue(Requests.Create("c"));

        var (plan, _) = h.Step();

        Assert.Equal(2, plan.Items.Count);
        Assert.Equal([new SlotId(0), new SlotId(1)], plan.Started.Select(s => s.Slot));
        Assert.Equal(2, h.Scheduler.RunningCount);
        Assert.Equal(1, h.Scheduler.WaitingCount);
        h.RunToCompletion();
        Assert.All(h.Plans, p => Assert.InRange(p.Items.Count, 1, 2));
        Assert.Equal(3, h.Completions.Count);
    }

    [Fact]
    public void Schedule_NeverPutsMoreThanMaxBatchTokensInOneStep()
    {
        var h = new SchedulerHarness(maxBatchTokens: 10);
        var a = h.Enqueue(Requests.Create("a", promptLength: 6, maxTokens: 3));
        var b = h.Enqueue(Requests.Create("b", promptLength: 6, maxTokens: 3));
        h.Enqueue(Requests.Create("c", promptLength: 6, maxTokens: 3));

        var (first, _) = h.Step();

        Assert.Equal(10, first.TokenCount);
        Assert.Collection(first.Items,
            i => Assert.Equal((a.Id, 0, 6, true), (i.Sequence, i.StartPosition, i.Tokens.Length, i.WantsToken)),
            i => Assert.Equal((b.Id, 0, 4, false), (i.Sequence, i.StartPosition, i.Tokens.Length, i.WantsToken)));
        h.RunToCompletion();
        Assert.All(h.Plans, p => Assert.InRange(p.TokenCount, 1, 10));
        Assert.Equal(3, h.Completions.Count);
    }

    [Fact]
    public void Schedule_ChunksLongPromptAcrossSteps_OnlyLastChunkWantsToken()
    {
        var h = new SchedulerHarness(maxBatchTokens: 4);
        h.Enqueue(Requests.Create("a", promptLength: 10, maxTokens: 2));

        h.RunToCompletion();

        var items = h.Plans.Select(p => Assert.Single(p.Items)).ToList();
        Assert.Equal(
            [(0, 4, false), (4, 4, false), (8, 2, true), (10, 1, true)],
            items.Select(i => (i.StartPosition, i.Tokens.Length, i.WantsToken)));
        Assert.Equal(Requests.Prompt(10), items.Take(3).SelectMany(i => i.Tokens));
        Assert.Equal(2, h.CompletionOf("a").CompletionTokens);
    }

    [Fact]
    public void Schedule_DecodingSequencesGoFirstWithOneTokenEach()
    {
        var h = new SchedulerHarness(maxBatchTokens: 5);
        var a = h.Enqueue(Requests.Create("a", promptLength: 3, maxTokens: 10));
        h.Step();
        var b = h.Enqueue(Requests.Create("b", promptLength: 10, maxTokens: 10));

        var plans = Enumerable.Range(0, 4).Select(_ => h.Step().Plan).ToList();

        Assert.All(plans, p => Assert.Equal((a.Id, 1, true), (p.Items[0].Sequence, p.Items[0].Tokens.Length, p.Items[0].WantsToken)));
        Assert.Equal([3, 4, 5, 6], plans.Select(p => p.Items[0].StartPosition));
        Assert.All(plans.Take(3), p => Assert.Equal(b.Id, p.Items[1].Sequence));
        Assert.Equal(
            [(0, 4, false), (4, 4, false), (8, 2, true)],
            plans.Take(3).Select(p => (p.Items[1].StartPosition, p.Items[1].Tokens.Length, p.Items[1].WantsToken)));
        Assert.Equal((10, 1, true), (plans[3].Items[1].StartPosition, plans[3].Items[1].Tokens.Length, plans[3].Items[1].WantsToken));
    }

    [Fact]
    public void Schedule_PrefillingSequencesContinueBeforeNewOnesAreAdmitted()
    {
        var h = new SchedulerHarness(maxBatchTokens: 4);
        var a = h.Enqueue(Requests.Create("a", promptLength: 6));
        h.Step();
        var b = h.Enqueue(Requests.Create("b", promptLength: 2));

        var (plan, _) = h.Step();

        Assert.Equal([a.Id, b.Id], plan.Items.Select(i => i.Sequence));
        Assert.Equal((4, 2, true), (plan.Items[0].StartPosition, plan.Items[0].Tokens.Length, plan.Items[0].WantsToken));
        Assert.Equal((0, 2, true), (plan.Items[1].StartPosition, plan.Items[1].Tokens.Length, plan.Items[1].WantsToken));
    }

    [Fact]
    public void Schedule_AdmitsOnlyWhenWholePromptPlusOneTokenFitsThePool()
    {
        // 4 blocks of 4 tokens: a's 11-token prompt + 1 takes 3 blocks; b's 4 + 1 needs 2.
        var h = new SchedulerHarness(blockCount: 4, blockSize: 4);
        var a = h.Enqueue(Requests.Create("a", promptLength: 11, maxTokens: 2));
        var b = h.Enqueue(Requests.Create("b", promptLength: 4, maxTokens: 2));

        var (first, _) = h.Step();

        Assert.Equal([a.Id], first.Items.Select(i => i.Sequence));
        Assert.Equal(3, h.Pool.BlocksOf(a.Id));
        Assert.Equal(1, h.Scheduler.WaitingCount);
        h.Step();
        Assert.Single(h.Completions);
        var (third, _) = h.Step();
        Assert.Equal([b.Id], third.Items.Select(i => i.Sequence));
        Assert.Equal(2, h.Pool.BlocksOf(b.Id));
    }

    [Fact]
    public void Schedule_StartsEachAdmittedSequenceWithItsSamplingAndNoHistory()
    {
        var h = new SchedulerHarness();
        var sampling = new SamplingOptions(0.7f, 40, 0.9f, 0.05f, 1.1f, 1234);
        h.Enqueue(Requests.Create("a") with { Sampling = sampling });

        var (plan, _) = h.Step();

        var start = Assert.Single(plan.Started);
        Assert.Equal(new SlotId(0), start.Slot);
        Assert.Same(sampling, start.Sampling);
        Assert.Empty(start.History);
    }

    [Fact]
    public void AdmissionWindow_StartsTheLongestWaitingRowFirst() =>
        Assert.Equal(["long", "middle", "short"], OneSlotOrder(("short", 4, 2), ("long", 4, 20), ("middle", 10, 5)));

    [Fact]
    public void AdmissionWindow_MostOutputGoesFirst_PromptLengthBreaksTies() =>
        // A long prompt is one prefill step; each output token is a step in the slot.
        Assert.Equal(
            ["long-output", "long-tie", "short-tie", "long-prompt"],
            OneSlotOrder(("long-prompt", 30, 3), ("short-tie", 4, 6), ("long-output", 4, 12), ("long-tie", 9, 6)));

    [Fact]
    public void AdmissionWindow_LooksOnlyThatFar_AndOneKeepsArrivalOrder()
    {
        var windowed = new SchedulerHarness(maxSequences: 1, admissionWindow: 2);
        var fifo = new SchedulerHarness(maxSequences: 1);
        foreach (var h in new[] { windowed, fifo })
        {
            h.Enqueue(Requests.Create("a", promptLength: 4, maxTokens: 2));
            h.Enqueue(Requests.Create("b", promptLength: 4, maxTokens: 3));
            h.Enqueue(Requests.Create("c", promptLength: 4, maxTokens: 9));
            h.RunToCompletion();
        }

        // b beats a; c is outside the first window, and after b leaves, c beats a.
        Assert.Equal(["b", "c", "a"], windowed.Completions.Select(c => c.Id.Value));
        Assert.Equal(["a", "b", "c"], fifo.Completions.Select(c => c.Id.Value));
    }

    [Fact]
    public void AdmissionWindow_PreemptedRowGoesBeforeLongerOnes()
    {
        // As in SchedulerPreemptionTests: 6 blocks of 2, three rows fill the pool and the third step preempts c.
        var h = new SchedulerHarness(blockCount: 6, blockSize: 2, admissionWindow: 8);
        h.Enqueue(Requests.Create("a", promptLength: 3, maxTokens: 4));
        h.Enqueue(Requests.Create("b", promptLength: 3, maxTokens: 4));
        var c = h.Enqueue(Requests.Create("c", promptLength: 3, maxTokens: 4));
        h.Step();
        h.Step();
        h.Step();
        Assert.Equal(1, c.PreemptionCount);
        var longer = h.Enqueue(Requests.Create("long", promptLength: 3, maxTokens: 5));

        h.RunToCompletion();

        var order = h.Plans.Skip(3).SelectMany(p => p.Items).Select(i => i.Sequence).Where(id => id == c.Id || id == longer.Id).ToList();
        Assert.Equal(c.Id, order[0]);
    }

    // The order in which rows finish on one slot with a window that sees them all: their admission order.
    private static string[] OneSlotOrder(params (string Id, int Prompt, int MaxTokens)[] rows)
    {
        var h = new SchedulerHarness(maxSequences: 1, maxSequenceTokens: 64, admissionWindow: 8);
        foreach (var (id, prompt, maxTokens) in rows) h.Enqueue(Requests.Create(id, promptLength: prompt, maxTokens: maxTokens));
        h.RunToCompletion();
        return h.Completions.Select(c => c.Id.Value).ToArray();
    }
}
