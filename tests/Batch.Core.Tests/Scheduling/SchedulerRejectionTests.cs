using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

public sealed class SchedulerRejectionTests
{
    [Fact]
    public void TryEnqueue_PromptThatFillsTheContext_IsRejectedWithReason()
    {
        var scheduler = Schedulers.Create(maxSequenceTokens: 8);

        var accepted = scheduler.TryEnqueue(Requests.Create("a", promptLength: 8), new FakeTextDecoder(), out var sequence, out var error);

        Assert.False(accepted);
        Assert.Null(sequence);
        Assert.Contains("8 tokens", error, StringComparison.Ordinal);
        Assert.Contains("context holds 8", error, StringComparison.Ordinal);
        Assert.True(scheduler.IsIdle);
    }

    [Fact]
    public void TryEnqueue_PromptOneShortOfTheContext_IsAcceptedAndGetsOneToken()
    {
        var h = new SchedulerHarness(maxSequenceTokens: 8);
        h.Enqueue(Requests.Create("a", promptLength: 7, maxTokens: 10));

        h.RunToCompletion();

        Assert.Equal((1, FinishReason.Length), (h.CompletionOf("a").CompletionTokens, h.CompletionOf("a").FinishReason));
    }

    [Fact]
    public void TryEnqueue_PromptLargerThanTheWholePool_IsRejectedWithReason()
    {
        var scheduler = Schedulers.Create(maxSequenceTokens: 64, blockCount: 2, blockSize: 4);

        var accepted = scheduler.TryEnqueue(Requests.Create("a", promptLength: 8), new FakeTextDecoder(), out var sequence, out var error);

        Assert.False(accepted);
        Assert.Null(sequence);
        Assert.Contains("KV pool holds 8", error, StringComparison.Ordinal);
        Assert.True(scheduler.IsIdle);
    }

    [Fact]
    public void TryEnqueue_RowThatJustFitsTheWholePool_IsAccepted()
    {
        var scheduler = Schedulers.Create(maxSequenceTokens: 64, blockCount: 2, blockSize: 4);

        Assert.True(scheduler.TryEnqueue(Requests.Create("a", promptLength: 7, maxTokens: 1), new FakeTextDecoder(), out var sequence, out var error), error);
        Assert.Equal(SequenceStatus.Waiting, sequence!.Status);
        Assert.Equal(1, scheduler.WaitingCount);
    }

    [Fact]
    public void TryEnqueue_EmptyPrompt_IsRejected()
    {
        var scheduler = Schedulers.Create();
        var request = new GenerationRequest(new DocumentId("a"), [], 8, Batch.Core.Decoding.SamplingOptions.Greedy, []);

        Assert.False(scheduler.TryEnqueue(request, new FakeTextDecoder(), out _, out var error));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryEnqueue_AfterARejection_LaterRowsStillRun()
    {
        var h = new SchedulerHarness(maxSequenceTokens: 8);
        Assert.False(h.Scheduler.TryEnqueue(Requests.Create("long", promptLength: 20), new FakeTextDecoder(), out _, out _));
        h.Enqueue(Requests.Create("short", promptLength: 3, maxTokens: 2));

        h.RunToCompletion();

        Assert.Equal("short", Assert.Single(h.Completions).Id.Value);
    }
}
