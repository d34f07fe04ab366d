using Akka.Actor;
using Akka.TestKit;
using Batch.Core.Scheduling;
using Batch.Engine.Workers;
using Batch.Testing.Builders;
using Xunit.Abstractions;

namespace Batch.Engine.Tests.Workers;

/// <summary>The pool over real workers and scripted decoders that fail: every row completes exactly once, or the job fails once.</summary>
public sealed class WorkerPoolSupervisionSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void RowFinished_FromRealWorkers_ReachesTheCompletedCallbackOnceForEveryRow()
    {
        var decoders = new[] { ScriptedDecoderFactory.Echo(), ScriptedDecoderFactory.Echo() };
        var (pool, completed, failed, _) = RealPool(decoders, capacity: 3);
        var lengths = Submit(pool, 20);

        var completions = ExpectEveryRowOnce(completed, lengths.Keys);
        failed.ExpectNoMsg(TimeSpan.Zero);
        Assert.All(completions, c => Assert.Equal(($"out{lengths[c.Id.Value]}", FinishReason.Stop), (c.Text, c.FinishReason)));
        var used = decoders.Select(d => d.Created.Single()).ToList();
        Assert.All(used, d => Assert.NotEqual(0, d.CallCount));
        Assert.All(used, d => Assert.Empty(d.Violations));
        Assert.All(used.SelectMany(d => d.Plans), p => Assert.InRange(p.Items.Count, 1, 3));
    }

    [Fact]
    public void ADecoderThatThrowsMidRun_IsRecreated_AndTheRowsItHeldAreRedone()
    {
        var decoders = new[] { ScriptedDecoderFactory.Echo(throwOnCall: n => n == 0 ? 3 : null), ScriptedDecoderFactory.Echo() };
        var (pool, completed, failed, metrics) = RealPool(decoders, capacity: 3);
        var lengths = Submit(pool, 20);

        var completions = ExpectEveryRowOnce(completed, lengths.Keys);

        failed.ExpectNoMsg(TimeSpan.Zero);
        Assert.All(completions, c => Assert.Equal($"out{lengths[c.Id.Value]}", c.Text));
        // Worker 1 may have finished everything before worker 0 is back: the restart is awaited, not assumed.
        AwaitAssert(() => Assert.Equal((2, 1, 0), (decoders[0].CallCount, metrics[0].Restarts, metrics[1].Restarts)), Wait);
        var failedDecoder = decoders[0].Created[0];
        Assert.Equal(4, failedDecoder.CallCount);
        Assert.NotEmpty(failedDecoder.Plans[3].Items);
        Assert.True(failedDecoder.IsDisposed);
        Assert.All(decoders.SelectMany(d => d.Created), d => Assert.Empty(d.Violations));
    }

    [Fact]
    public void ADecoderThatCannotBeCreatedAtFirst_IsCreatedAgain_AndItsRowsWaitForIt()
    {
        var decoders = new[] { new ScriptedDecoderFactory(n => n == 0 ? throw new IOException("model file locked") : WorkerProps.EchoDecoder()) };
        var (pool, completed, failed, metrics) = RealPool(decoders, capacity: 4);

        var lengths = Submit(pool, 10);

        ExpectEveryRowOnce(completed, lengths.Keys);
        failed.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal((2, 1), (decoders[0].CallCount, metrics[0].Restarts));
    }

    [Fact]
    public void FaultInjection_FailsTheChosenWorkerAtThatStep_InAsManyIncarnationsAsAsked()
    {
        // One worker, so each incarnation gets the rows back and meets the fault.
        var decoders = new[] { ScriptedDecoderFactory.Echo() };
        var injection = new WorkerFaultInjection(WorkerIndex: 0, FailAtStep: 2, Times: 2);
        var (pool, completed, failed, metrics) = RealPool(decoders, capacity: 3, injection: injection);

        var lengths = Submit(pool, 8);

        ExpectEveryRowOnce(completed, lengths.Keys);
        failed.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(2, metrics[0].Restarts);
        // The injected fault replaces the second decode call: the first two incarnations decoded once each.
        Assert.Equal([1, 1], decoders[0].Created.Take(2).Select(d => d.CallCount));
        Assert.Equal(3, decoders[0].CallCount);
    }

    [Fact]
    public void AWorkerThatKeepsFailing_IsGivenUp_AndTheOtherWorkerFinishesEverything()
    {
        // Worker 0 fails a step with its first rows, then cannot even load its decoder again.
        var broken = new ScriptedDecoderFactory(n => n == 0
            ? new ScriptedDecoder(Scripts.Text(s => $"out{s.Prompt.Count}")) { ThrowOnCall = 1 }
            : throw new IOException("device lost"));
        var decoders = new[] { broken, ScriptedDecoderFactory.Echo() };
        var (pool, completed, failed, metrics) = RealPool(decoders, capacity: 3, maxRestarts: 2);

        var lengths = Submit(pool, 12);

        ExpectEveryRowOnce(completed, lengths.Keys);
        AwaitAssert(() => Assert.Equal((3, 2), (broken.CallCount, metrics[0].Restarts)), Wait);
        failed.ExpectNoMsg(Quiet);
        Assert.Equal(2, broken.Created.Single().CallCount);
        Assert.Equal(0, metrics[1].Restarts);
    }

    [Fact]
    public void WhenEveryWorkerKeepsFailing_CallsFailedOnce_WithTheReasons_AndNoRowCompletesTwice()
    {
        var decoders = new[] { ScriptedDecoderFactory.Echo(throwOnCall: _ => 2), ScriptedDecoderFactory.Echo(throwOnCall: _ => 2) };
        var (pool, completed, failed, _) = RealPool(decoders, capacity: 3, maxRestarts: 1);
        // One-token rows finish on their first step, before the decoders fail.
        for (var i = 0; i < 12; i++) pool.Tell(new SubmitRow(Requests.Create($"r{i}", promptLength: 3, maxTokens: i % 2 == 0 ? 1 : 20)));

        var reason = failed.ExpectMsg<string>(Wait);

        Assert.Equal("all workers failed: worker 0: decode failed: scripted decode failure on call 2; "
            + "worker 1: decode failed: scripted decode failure on call 2", reason);
        failed.ExpectNoMsg(Quiet);
        var done = new List<Completion>();
        while (completed.HasMessages) done.Add(completed.ExpectMsg<Completion>());
        Assert.NotEmpty(done);
        Assert.Equal(done.Count, done.Select(c => c.Id).Distinct().Count());
        Assert.Equal([2, 2], decoders.Select(d => d.CallCount));
    }

    private (IActorRef Pool, TestProbe Completed, TestProbe Failed, WorkerMetrics[] Metrics) RealPool(
        ScriptedDecoderFactory[] decoders, int capacity, int maxRestarts = 3, WorkerFaultInjection? injection = null)
    {
        var completed = CreateTestProbe();
        var failed = CreateTestProbe();
        var callbacks = new WorkerPoolCallbacks(c => completed.Ref.Tell(c), r => failed.Ref.Tell(r));
        var workers = decoders.Select((d, i) => WorkerProps.Pooled(d, index: i)).ToArray();
        var settings = new WorkerPoolSettings(capacity) { Restart = WorkerProps.FastRestarts(maxRestarts), FaultInjection = injection };
        return (Sys.ActorOf(WorkerPoolActor.Props(workers, settings, callbacks)), completed, failed, workers.Select(w => w.Metrics).ToArray());
    }

    /// <summary>Submits rows r0…r{count-1} of assorted prompt lengths; returns each row's prompt length.</summary>
    private static Dictionary<string, int> Submit(IActorRef pool, int count)
    {
        var lengths = Enumerable.Range(0, count).ToDictionary(i => $"r{i}", i => 2 + i % 7);
        foreach (var (id, length) in lengths) pool.Tell(new SubmitRow(Requests.Create(id, promptLength: length, maxTokens: 20)));
        return lengths;
    }

    private static List<Completion> ExpectEveryRowOnce(TestProbe completed, IEnumerable<string> ids)
    {
        var expected = ids.Order().ToList();
        var completions = expected.Select(_ => completed.ExpectMsg<Completion>(Wait)).ToList();
        completed.ExpectNoMsg(Quiet);
        Assert.Equal(expected, completions.Select(c => c.Id.Value).Order());
        return completions;
    }
}
