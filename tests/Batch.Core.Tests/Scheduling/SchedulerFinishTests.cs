using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

public sealed class SchedulerFinishTests
{
    private static readonly Dictionary<int, string> EosWord = new() { [FakeTokenizer.Eos] = "|" };

    [Fact]
    public void Apply_OnEndOfGeneration_FinishesWithStopAndLeavesAtOnce()
    {
        var h = new SchedulerHarness(script: Scripts.LettersThenEog(3), words: EosWord);
        h.Enqueue(Requests.Create("a", promptLength: 4, maxTokens: 10));

        h.Step();
        h.Step();
        var (_, outcome) = h.Step();

        var done = Assert.Single(outcome.Finished);
        Assert.Equal(("a", "ab", FinishReason.Stop, 4, 3), (done.Id.Value, done.Text, done.FinishReason, done.PromptTokens, done.CompletionTokens));
        Assert.Null(done.Error);
        Assert.Equal(0, h.Scheduler.RunningCount);
        Assert.Equal(0, h.Pool.UsedBlockCount);
        Assert.True(h.Scheduler.IsIdle);
    }

    [Fact]
    public void Apply_AtMaxTokens_FinishesWithLength()
    {
        var h = new SchedulerHarness();
        h.Enqueue(Requests.Create("a", promptLength: 4, maxTokens: 5));

        h.RunToCompletion();

        var done = h.CompletionOf("a");
        Assert.Equal(("abcde", FinishReason.Length, 5), (done.Text, done.FinishReason, done.CompletionTokens));
        Assert.Equal(5, h.Plans.Count);
    }

    [Fact]
    public void Apply_AtContextLimit_FinishesWithLengthWithoutFeedingPastIt()
    {
        var h = new SchedulerHarness(maxSequenceTokens: 10);
        h.Enqueue(Requests.Create("a", promptLength: 6, maxTokens: 100));

        h.RunToCompletion();

        var done = h.CompletionOf("a");
        Assert.Equal(("abcd", FinishReason.Length, 4), (done.Text, done.FinishReason, done.CompletionTokens));
        Assert.All(h.Plans.SelectMany(p => p.Items), i => Assert.True(i.StartPosition + i.Tokens.Length < 10));
    }

    [Fact]
    public void Apply_WithIgnoreEos_KeepsGeneratingPastEog()
    {
        var h = new SchedulerHarness(script: Scripts.LettersThenEog(2), words: EosWord);
        h.Enqueue(Requests.Create("a", maxTokens: 4) with { IgnoreEos = true });

        h.RunToCompletion();

        var done = h.CompletionOf("a");
        Assert.Equal(("a|||", FinishReason.Length, 4), (done.Text, done.FinishReason, done.CompletionTokens));
    }

    [Fact]
    public void Apply_StopString_IsCutFromTheOutput()
    {
        var h = new SchedulerHarness(script: Scripts.Text("hello END world"));
        h.Enqueue(Requests.Create("a", maxTokens: 50, stop: "END"));

        h.RunToCompletion();

        var done = h.CompletionOf("a");
        Assert.Equal(("hello ", FinishReason.Stop, 9), (done.Text, done.FinishReason, done.CompletionTokens));
    }

    [Fact]
    public void Apply_StopStringSplitAcrossTokens_IsCaught()
    {
        var words = new Dictionary<int, string> { [300] = "xx<", [301] = "/s", [302] = ">yy" };
        var h = new SchedulerHarness(script: Scripts.Tokens(300, 301, 302, 'z'), words: words);
        h.Enqueue(Requests.Create("a", maxTokens: 50, stop: "</s>"));

        h.RunToCompletion();

        var done = h.CompletionOf("a");
        Assert.Equal(("xx", FinishReason.Stop, 3), (done.Text, done.FinishReason, done.CompletionTokens));
    }

    [Fact]
    public void Apply_StopStringEndingInsideAToken_DropsTheRestOfThatToken()
    {
        var words = new Dictionary<int, string> { [300] = "ab", [301] = "cSTOPde" };
        var h = new SchedulerHarness(script: Scripts.Tokens(300, 301, 'z'), words: words);
        h.Enqueue(Requests.Create("a", maxTokens: 50, stop: "STOP"));

        h.RunToCompletion();

        Assert.Equal("abc", h.CompletionOf("a").Text);
    }

    [Fact]
    public void Apply_OfSeveralStopStrings_TheEarliestInTheTextWins()
    {
        var words = new Dictionary<int, string> { [300] = "x", [301] = "AB" };
        var h = new SchedulerHarness(script: Scripts.Tokens(300, 301, 'z'), words: words);
        h.Enqueue(Requests.Create("a", 4, 50, "B", "AB"));

        h.RunToCompletion();

        Assert.Equal(("x", FinishReason.Stop), (h.CompletionOf("a").Text, h.CompletionOf("a").FinishReason));
    }

    [Fact]
    public void Apply_TextThatOnlyResemblesAStopString_KeepsGoing()
    {
        var h = new SchedulerHarness(script: Scripts.Text("EN-D E.N.D"));
        h.Enqueue(Requests.Create("a", maxTokens: 50, stop: "END"));

        h.RunToCompletion();

        Assert.Equal(("EN-D E.N.D", FinishReason.Stop, 11), (h.CompletionOf("a").Text, h.CompletionOf("a").FinishReason, h.CompletionOf("a").CompletionTokens));
    }

    [Fact]
    public void Schedule_AfterASequenceFinishes_ReleasesItsSlotOnceAndGivesItToTheNextNewcomer()
    {
        // End of generation by prompt length: a (2) at its 3rd token, b (3) at its 1st, c (4) at its 5th, d (5) at its 2nd.
        var eogAt = new Dictionary<int, int> { [2] = 3, [3] = 1, [4] = 5, [5] = 2, [6] = 9 };
        var h = new SchedulerHarness(maxSequences: 3, script: Scripts.LettersThenEog(s => eogAt[s.Prompt.Count]));
        var a = h.Enqueue(Requests.Create("a", promptLength: 2));
        var b = h.Enqueue(Requests.Create("b", promptLength: 3));
        var c = h.Enqueue(Requests.Create("c", promptLength: 4));

        var (first, firstOutcome) = h.Step();
        Assert.Equal([0, 1, 2], first.Started.Select(s => s.Slot.Value));
        Assert.Equal("b", Assert.Single(firstOutcome.Finished).Id.Value);
        Assert.Equal(0, h.Pool.BlocksOf(b.Id));
        var d = h.Enqueue(Requests.Create("d", promptLength: 5));

        var (second, _) = h.Step();
        Assert.Equal([new SlotId(1)], second.Released);
        Assert.Equal([new SlotId(1)], second.Started.Select(s => s.Slot));
        Assert.Equal([a.Id, c.Id, d.Id], second.Items.Select(i => i.Sequence));
        Assert.Equal(new SlotId(1), second.Items[2].Slot);

        var (third, thirdOutcome) = h.Step();
        Assert.Empty(third.Released);
        Assert.Equal(["a", "d"], thirdOutcome.Finished.Select(f => f.Id.Value));
        var e = h.Enqueue(Requests.Create("e", promptLength: 6));

        var (fourth, _) = h.Step();
        Assert.Equal([0, 1], fourth.Released.Select(s => s.Value).Order());
        Assert.Equal([new SlotId(0)], fourth.Started.Select(s => s.Slot));
        Assert.Equal(new SlotId(0), fourth.Items.Single(i => i.Sequence == e.Id).Slot);
        h.RunToCompletion();
        Assert.Equal(5, h.Completions.Count);
    }

    [Fact]
    public void Schedule_WhenEverySequenceFinishedAndNothingWaits_KeepsTheReleasedSlotsForTheNextPlanWithWork()
    {
        var h = new SchedulerHarness(script: Scripts.LettersThenEog(1));
        h.Enqueue(Requests.Create("a"));
        h.Step();

        var idle = h.Scheduler.Schedule();   // a worker skips a plan without items: the decoder never sees it
        h.Enqueue(Requests.Create("b"));
        var (next, _) = h.Step();

        Assert.False(idle.HasWork);
        Assert.Equal([new SlotId(0)], next.Released);
        Assert.Equal([new SlotId(0)], next.Started.Select(s => s.Slot));
    }

    [Fact]
    public void Apply_WhenTheDecoderReturnsNoTokenForASequenceThatWantsOne_Throws()
    {
        var h = new SchedulerHarness();
        h.Enqueue(Requests.Create("a"));
        var plan = h.Scheduler.Schedule();

        var error = Assert.Throws<InvalidOperationException>(() => h.Scheduler.Apply(plan, new StepResult(DecodeStatus.Ok, [])));

        Assert.Contains("no token", error.Message, StringComparison.Ordinal);
    }
}
