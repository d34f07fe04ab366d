using Akka.Actor;
using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Engine.Workers;
using Batch.Testing.Builders;
using Xunit.Abstractions;

namespace Batch.Engine.Tests.Workers;

public sealed class WorkerActorSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void AssignRow_ForEveryRow_RepliesRowFinishedWithTheScriptedText()
    {
        var decoder = WorkerProps.EchoDecoder();
        var worker = ChildActorOf(WorkerProps.For(decoder));

        worker.Tell(new AssignRow(Requests.Create("r2", promptLength: 2, maxTokens: 20)));
        worker.Tell(new AssignRow(Requests.Create("r3", promptLength: 3, maxTokens: 2)));
        worker.Tell(new AssignRow(Requests.Create("r4", promptLength: 4, maxTokens: 20)));

        var finished = ReceiveN(3, Wait).Cast<RowFinished>().ToDictionary(f => f.Completion.Id.Value, f => f.Completion);
        Assert.Equal(("out2", FinishReason.Stop, 2, 5), Summary(finished["r2"]));
        Assert.Equal(("ou", FinishReason.Length, 3, 2), Summary(finished["r3"]));
        Assert.Equal(("out4", FinishReason.Stop, 4, 5), Summary(finished["r4"]));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Empty(decoder.Violations);
    }

    [Fact]
    public void AssignRow_WhileTheWorkerIsStepping_JoinsTheRunningBatch()
    {
        using var inFirstStep = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var decoder = WorkerProps.EchoDecoder(beforeDecode: call =>
        {
            if (call != 0) return;
            inFirstStep.Set();
            release.Wait(Wait);
        });
        var worker = ChildActorOf(WorkerProps.For(decoder));
        worker.Tell(new AssignRow(Requests.Create("first", promptLength: 3, maxTokens: 20)));
        Assert.True(inFirstStep.Wait(Wait));

        worker.Tell(new AssignRow(Requests.Create("second", promptLength: 5, maxTokens: 20)));
        release.Set();

        var finished = ReceiveN(2, Wait).Cast<RowFinished>().Select(f => f.Completion.Text).Order();
        Assert.Equal(["out3", "out5"], finished);
        var plans = decoder.Plans;
        Assert.Single(plans[0].Items);
        var first = plans[0].Items[0].Sequence;
        Assert.Contains(plans, p => p.Items.Count == 2 && p.Items.Any(i => i.Sequence == first && i.StartPosition >= 3 && i.Tokens.Length == 1));
        Assert.Empty(decoder.Violations);
    }

    [Fact]
    public void AssignRow_AfterTheWorkerWentIdle_GetsAFreshlyReleasedSlot()
    {
        var decoder = WorkerProps.EchoDecoder();
        var worker = ChildActorOf(WorkerProps.For(decoder));
        worker.Tell(new AssignRow(Requests.Create("a", promptLength: 2)));
        ExpectMsg<RowFinished>(Wait);
        AwaitAssert(() => Assert.Equal(5, decoder.CallCount), Wait);

        worker.Tell(new AssignRow(Requests.Create("b", promptLength: 3)));

        Assert.Equal("out3", ExpectMsg<RowFinished>(Wait).Completion.Text);
        var restart = decoder.Plans[5];
        Assert.Equal([new SlotId(0)], restart.Released);
        Assert.Equal([new SlotId(0)], restart.Started.Select(s => s.Slot));
        Assert.Empty(decoder.Violations);
    }

    [Fact]
    public void AssignRow_PromptTooLongForTheContext_RepliesAnErrorCompletion()
    {
        var decoder = WorkerProps.EchoDecoder(new DecoderInfo(4, 16, 32, 256));
        var worker = ChildActorOf(WorkerProps.For(decoder));

        worker.Tell(new AssignRow(Requests.Create("long", promptLength: 16)));

        var failed = ExpectMsg<RowFinished>(Wait).Completion;
        Assert.Equal(("long", "", FinishReason.Error, 16, 0), (failed.Id.Value, failed.Text, failed.FinishReason, failed.PromptTokens, failed.CompletionTokens));
        Assert.Contains("the context holds 16", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, decoder.CallCount);

        worker.Tell(new AssignRow(Requests.Create("short", promptLength: 3)));
        var ok = ExpectMsg<RowFinished>(Wait).Completion;
        Assert.Equal(("short", "out3"), (ok.Id.Value, ok.Text));
    }

    [Fact]
    public void Decode_WhenTheDecoderThrows_ReportsWorkerFaultedAndStops()
    {
        var decoder = new ScriptedDecoder { ThrowOnCall = 1 };
        var worker = ChildActorOf(WorkerProps.For(decoder, index: 3));
        Watch(worker);

        worker.Tell(new AssignRow(Requests.Create("a")));

        var fault = ExpectMsg<WorkerFaulted>(Wait);
        Assert.Equal(3, fault.WorkerIndex);
        Assert.Contains("decode failed", fault.Reason, StringComparison.Ordinal);
        Assert.Contains("scripted decode failure on call 1", fault.Reason, StringComparison.Ordinal);
        ExpectTerminated(worker, Wait);
        AwaitAssert(() => Assert.True(decoder.IsDisposed), Wait);
    }

    [Fact]
    public void InjectFault_ThrowsALabelledFaultInPlaceOfThatStep_AndStops()
    {
        var decoder = WorkerProps.EchoDecoder();
        var worker = ChildActorOf(WorkerProps.For(decoder, index: 1));
        Watch(worker);

        worker.Tell(new InjectFault(AtStep: 3));
        worker.Tell(new AssignRow(Requests.Create("a", promptLength: 2, maxTokens: 20)));

        var fault = ExpectMsg<WorkerFaulted>(Wait);
        Assert.Equal(1, fault.WorkerIndex);
        Assert.Equal("decode failed: injected fault (testing only): worker 1 failed at decode step 3, as the job's fault injection asks", fault.Reason);
        Assert.Equal(2, decoder.CallCount);
        ExpectTerminated(worker, Wait);
        Assert.True(decoder.IsDisposed);
    }

    [Fact]
    public void PreStart_WhenTheDecoderCannotBeCreated_ReportsWorkerFaultedAndStops()
    {
        var worker = ChildActorOf(WorkerProps.Broken(2, "no such model"));
        Watch(worker);

        var fault = ExpectMsg<WorkerFaulted>(Wait);

        Assert.Equal(2, fault.WorkerIndex);
        Assert.Contains("could not start the decoder: no such model", fault.Reason, StringComparison.Ordinal);
        ExpectTerminated(worker, Wait);
    }

    [Fact]
    public void Step_WhenTheDecoderReportsNoKvSlot_RetriesAndFinishesEveryRow()
    {
        var metrics = new WorkerMetrics();
        using var release = new ManualResetEventSlim();
        var decoder = WorkerProps.EchoDecoder(noKvSlotWhen: call => call is 1 or 2, beforeDecode: call => { if (call == 0) release.Wait(Wait); });
        var worker = ChildActorOf(WorkerProps.For(decoder, metrics: metrics));

        foreach (var n in new[] { 2, 3, 4 }) worker.Tell(new AssignRow(Requests.Create($"r{n}", promptLength: n)));
        release.Set();

        var texts = ReceiveN(3, Wait).Cast<RowFinished>().ToDictionary(f => f.Completion.Id.Value, f => f.Completion.Text);
        Assert.Equal(["out2", "out3", "out4"], new[] { "r2", "r3", "r4" }.Select(id => texts[id]));
        Assert.Equal(2, metrics.Preemptions);
        Assert.Empty(decoder.Violations);
    }

    [Fact]
    public void Step_RecordsStepsTokensAndPoolSizeInTheMetrics()
    {
        var metrics = new WorkerMetrics();
        var decoder = WorkerProps.EchoDecoder(new DecoderInfo(4, 64, 32, 200));
        var worker = ChildActorOf(WorkerProps.For(decoder, blockSize: 8, metrics: metrics));

        worker.Tell(new AssignRow(Requests.Create("a", promptLength: 6)));
        ExpectMsg<RowFinished>(Wait);

        Assert.Equal((25, 8), (metrics.TotalBlocks, metrics.BlockSize));
        Assert.Equal(decoder.CallCount, metrics.Steps);
        Assert.Equal(decoder.Plans.Sum(p => p.TokenCount), metrics.DecodedTokens);
        Assert.Equal((0, 0, 0), (metrics.Running, metrics.Waiting, metrics.UsedBlocks));
        Assert.True(metrics.PeakBlocks >= 1);
    }

    [Fact]
    public void Step_WhenThePoolForcesAPreemption_CountsItInTheMetrics()
    {
        var metrics = new WorkerMetrics();
        using var release = new ManualResetEventSlim();
        // 6 blocks of 2 tokens: three 3-token prompts fill the pool, and the first to grow preempts the newest.
        var decoder = new ScriptedDecoder(Scripts.Letters, new DecoderInfo(3, 64, 32, 12)) { BeforeDecode = call => { if (call == 0) release.Wait(Wait); } };
        var worker = ChildActorOf(WorkerProps.For(decoder, maxSequences: 3, blockSize: 2, metrics: metrics));

        foreach (var id in new[] { "a", "b", "c" }) worker.Tell(new AssignRow(Requests.Create(id, promptLength: 3, maxTokens: 4)));
        release.Set();
        ReceiveN(3, Wait);

        Assert.True(decoder.RestartCount >= 1);
        Assert.Equal(decoder.RestartCount, metrics.Preemptions);
    }

    private static (string, FinishReason, int, int) Summary(Completion c) => (c.Text, c.FinishReason, c.PromptTokens, c.CompletionTokens);
}
