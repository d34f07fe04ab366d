using Akka.Actor;
using Akka.TestKit;
using Batch.Core.Scheduling;
using Batch.Engine.Workers;
using Batch.Testing.Builders;
using Xunit.Abstractions;

namespace Batch.Engine.Tests.Workers;

public sealed class WorkerPoolActorSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void SubmitRow_GoesToTheWorkerWithFewestOutstanding_AndNeverBeyondItsCapacity()
    {
        var (pool, assigned, completed, _) = StubPool(capacity: 2);

        for (var i = 1; i <= 6; i++) pool.Tell(new SubmitRow(Requests.Create($"r{i}")));

        // The two workers report to the probe independently, so order the assignments by row.
        var first = Enumerable.Range(0, 4).Select(_ => assigned.ExpectMsg<StubAssigned>(Wait)).OrderBy(a => a.Request.Id.Value).ToList();
        Assert.Equal(["r1", "r2", "r3", "r4"], first.Select(a => a.Request.Id.Value));
        Assert.NotEqual(first[0].Index, first[1].Index);
        Assert.Equal([2, 2], first.GroupBy(a => a.Index).OrderBy(g => g.Key).Select(g => g.Count()));
        assigned.ExpectNoMsg(Quiet);

        var fromWorker1 = first.First(a => a.Index == 1);
        fromWorker1.Worker.Tell(new StubFinish(Done(fromWorker1.Request.Id.Value)));
        Assert.Equal(fromWorker1.Request.Id, completed.ExpectMsg<Completion>(Wait).Id);
        var fifth = assigned.ExpectMsg<StubAssigned>(Wait);
        Assert.Equal(("r5", 1), (fifth.Request.Id.Value, fifth.Index));
        assigned.ExpectNoMsg(Quiet);

        var fromWorker0 = first.First(a => a.Index == 0);
        fromWorker0.Worker.Tell(new StubFinish(Done(fromWorker0.Request.Id.Value)));
        var sixth = assigned.ExpectMsg<StubAssigned>(Wait);
        Assert.Equal(("r6", 0), (sixth.Request.Id.Value, sixth.Index));
    }

    [Fact]
    public void WorkerFaulted_CallsFailedOnce_AndLaterRowsGoToTheWorkersLeft()
    {
        var (pool, assigned, _, failed) = StubPool(capacity: 2);
        pool.Tell(new SubmitRow(Requests.Create("r1")));
        var worker0 = assigned.ExpectMsg<StubAssigned>(Wait);
        Assert.Equal(0, worker0.Index);

        worker0.Worker.Tell(new StubFault("out of memory"));

        Assert.Equal("worker 0: out of memory", failed.ExpectMsg<string>(Wait));
        failed.ExpectNoMsg(Quiet);
        pool.Tell(new SubmitRow(Requests.Create("r2")));
        pool.Tell(new SubmitRow(Requests.Create("r3")));
        pool.Tell(new SubmitRow(Requests.Create("r4")));
        Assert.Equal([1, 1], new[] { assigned.ExpectMsg<StubAssigned>(Wait), assigned.ExpectMsg<StubAssigned>(Wait) }.Select(a => a.Index));
        assigned.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void AWorkerThatThrows_IsStoppedAndCallsFailed()
    {
        var (pool, assigned, _, failed) = StubPool(capacity: 2);
        pool.Tell(new SubmitRow(Requests.Create("r1")));
        var worker0 = assigned.ExpectMsg<StubAssigned>(Wait);
        var watcher = CreateTestProbe();
        watcher.Watch(worker0.Worker);

        worker0.Worker.Tell(new StubCrash());

        watcher.ExpectTerminated(worker0.Worker, Wait);
        Assert.Equal("worker worker-0 stopped", failed.ExpectMsg<string>(Wait));
        failed.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void RowFinished_FromRealWorkers_ReachesTheCompletedCallbackOnceForEveryRow()
    {
        var decoders = new[] { WorkerProps.EchoDecoder(), WorkerProps.EchoDecoder() };
        var (pool, completed, failed) = RealPool(decoders, capacity: 3);
        var lengths = Enumerable.Range(0, 20).ToDictionary(i => $"r{i}", i => 2 + i % 7);

        foreach (var (id, length) in lengths) pool.Tell(new SubmitRow(Requests.Create(id, promptLength: length, maxTokens: 20)));

        var completions = Enumerable.Range(0, 20).Select(_ => completed.ExpectMsg<Completion>(Wait)).ToList();
        completed.ExpectNoMsg(Quiet);
        failed.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(lengths.Keys.Order(), completions.Select(c => c.Id.Value).Order());
        Assert.All(completions, c => Assert.Equal(($"out{lengths[c.Id.Value]}", FinishReason.Stop), (c.Text, c.FinishReason)));
        Assert.All(decoders, d => Assert.NotEqual(0, d.CallCount));
        Assert.All(decoders, d => Assert.Empty(d.Violations));
        Assert.All(decoders.SelectMany(d => d.Plans), p => Assert.InRange(p.Items.Count, 1, 3));
    }

    [Fact]
    public void ARealWorkerWhoseDecoderThrows_CallsFailedOnce()
    {
        var decoders = new[] { WorkerProps.EchoDecoder(), new ScriptedDecoder { ThrowOnCall = 0 } };
        var (pool, _, failed) = RealPool(decoders, capacity: 1);

        pool.Tell(new SubmitRow(Requests.Create("r0")));
        pool.Tell(new SubmitRow(Requests.Create("r1")));

        var reason = failed.ExpectMsg<string>(Wait);
        Assert.StartsWith("worker 1: decode failed", reason, StringComparison.Ordinal);
        failed.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void PreStart_WhenAWorkerCannotBeCreated_CallsFailed()
    {
        var (_, failed, callbacks) = Callbacks();
        var workers = new[] { StubWorkerActor.Props(0, TestActor).WithDispatcher("no-such-dispatcher") };

        Sys.ActorOf(WorkerPoolActor.Props(workers, 2, callbacks));

        Assert.StartsWith("could not start the workers", failed.ExpectMsg<string>(Wait), StringComparison.Ordinal);
    }

    private (IActorRef Pool, TestProbe Assigned, TestProbe Completed, TestProbe Failed) StubPool(int capacity)
    {
        var assigned = CreateTestProbe();
        var (completed, failed, callbacks) = Callbacks();
        var workers = new[] { StubWorkerActor.Props(0, assigned.Ref), StubWorkerActor.Props(1, assigned.Ref) };
        return (Sys.ActorOf(WorkerPoolActor.Props(workers, capacity, callbacks)), assigned, completed, failed);
    }

    private (IActorRef Pool, TestProbe Completed, TestProbe Failed) RealPool(ScriptedDecoder[] decoders, int capacity)
    {
        var (completed, failed, callbacks) = Callbacks();
        var workers = decoders.Select((d, i) => WorkerProps.For(d, index: i, maxSequences: 8)).ToArray();
        return (Sys.ActorOf(WorkerPoolActor.Props(workers, capacity, callbacks)), completed, failed);
    }

    private (TestProbe Completed, TestProbe Failed, WorkerPoolCallbacks Callbacks) Callbacks()
    {
        var completed = CreateTestProbe();
        var failed = CreateTestProbe();
        return (completed, failed, new WorkerPoolCallbacks(c => completed.Ref.Tell(c), r => failed.Ref.Tell(r)));
    }

    private static Completion Done(string id) => new(new Batch.Core.Rows.DocumentId(id), "ok", FinishReason.Stop, 4, 2);
}
