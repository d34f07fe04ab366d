using Akka.Actor;
using Akka.TestKit;
using Batch.Core.Scheduling;
using Batch.Engine.Workers;
using Batch.Testing.Builders;
using Xunit.Abstractions;

namespace Batch.Engine.Tests.Workers;

/// <summary>The pool over stub workers the test drives by hand: dispatch, re-queueing, restarts and giving up.</summary>
public sealed class WorkerPoolActorSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void SubmitRow_GoesToTheWorkerWithFewestOutstanding_AndNeverBeyondItsCapacity()
    {
        var (pool, assigned, completed, _, _) = StubPool(capacity: 2);
        Started(assigned);

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
    public void WaitingRows_WithAnAdmissionWindow_GoOutMostOutputFirst()
    {
        var (pool, assigned, _, _, _) = StubPool(capacity: 1, admissionWindow: 8);
        var (worker0, worker1) = Started(assigned);
        pool.Tell(new SubmitRow(Requests.Create("first", maxTokens: 2)));
        pool.Tell(new SubmitRow(Requests.Create("second", maxTokens: 2)));
        Assert.Equal(["first", "second"], Receive(assigned, 2).Cast<StubAssigned>().Select(a => a.Request.Id.Value).Order());
        // Both workers are full: these wait in the pool.
        pool.Tell(new SubmitRow(Requests.Create("short", maxTokens: 1)));
        pool.Tell(new SubmitRow(Requests.Create("long", maxTokens: 9)));
        pool.Tell(new SubmitRow(Requests.Create("middle", maxTokens: 5)));
        assigned.ExpectNoMsg(Quiet);

        var order = new List<string>();
        foreach (var (worker, id) in new[] { (worker0, "first"), (worker1, "second") })
        {
            worker.Tell(new StubFinish(Done(id)));
            order.Add(assigned.ExpectMsg<StubAssigned>(Wait).Request.Id.Value);
        }
        worker0.Tell(new StubFinish(Done(order[0])));
        order.Add(assigned.ExpectMsg<StubAssigned>(Wait).Request.Id.Value);

        Assert.Equal(["long", "middle", "short"], order);
    }

    [Fact]
    public void WorkerFaulted_RestartsIt_AndItsRowsGoFirstToTheRestartedWorker()
    {
        var (pool, probe, _, failed, metrics) = StubPool(capacity: 2);
        var (worker0, _) = Started(probe);
        // Rows alternate between the workers, so worker 0 holds r1 and r3; r5 and r6 wait for room.
        for (var i = 1; i <= 6; i++) pool.Tell(new SubmitRow(Requests.Create($"r{i}")));
        Assert.All(Receive(probe, 4), m => Assert.IsType<StubAssigned>(m));

        worker0.Tell(new StubFault("out of memory"));

        var restarted = probe.ExpectMsg<StubStarted>(Wait);
        Assert.Equal(0, restarted.Index);
        Assert.NotEqual(worker0, restarted.Worker);
        var again = new[] { probe.ExpectMsg<StubAssigned>(Wait), probe.ExpectMsg<StubAssigned>(Wait) };
        Assert.Equal([("r1", 0), ("r3", 0)], again.Select(a => (a.Request.Id.Value, a.Index)));
        Assert.All(again, a => Assert.Equal(restarted.Worker, a.Worker));
        probe.ExpectNoMsg(Quiet);
        failed.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal((1, 0), (metrics[0].Restarts, metrics[1].Restarts));
    }

    [Fact]
    public void RowFinished_FromAFailedIncarnation_IsIgnored_SoEveryRowCompletesOnce()
    {
        var (pool, probe, completed, failed, _) = StubPool(capacity: 2);
        var (worker0, worker1) = Started(probe);
        pool.Tell(new SubmitRow(Requests.Create("r1")));
        pool.Tell(new SubmitRow(Requests.Create("r2")));
        var first = new[] { probe.ExpectMsg<StubAssigned>(Wait), probe.ExpectMsg<StubAssigned>(Wait) }.OrderBy(a => a.Index).ToList();
        Assert.Equal([("r1", 0), ("r2", 1)], first.Select(a => (a.Request.Id.Value, a.Index)));

        // Worker 0 reports r1 after its fault, as a dying incarnation's late message.
        worker0.Tell(new StubFault("device lost", Done("r1")));

        // r1 is redone: on worker 1, which has room, or on the restarted worker 0.
        var redo = Receive(probe, 2).OfType<StubAssigned>().Single();
        Assert.Equal("r1", redo.Request.Id.Value);
        completed.ExpectNoMsg(Quiet);
        redo.Worker.Tell(new StubFinish(Done("r1")));
        worker1.Tell(new StubFinish(Done("r2")));
        Assert.Equal(["r1", "r2"], new[] { completed.ExpectMsg<Completion>(Wait), completed.ExpectMsg<Completion>(Wait) }.Select(c => c.Id.Value).Order());
        completed.ExpectNoMsg(Quiet);
        failed.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void AWorkerThatThrows_IsStoppedAndRestarted_AndItsRowsGoBackToTheQueue()
    {
        var (pool, probe, _, failed, metrics) = StubPool(capacity: 2);
        var (worker0, _) = Started(probe);
        pool.Tell(new SubmitRow(Requests.Create("r1")));
        Assert.Equal(worker0, probe.ExpectMsg<StubAssigned>(Wait).Worker);
        var watcher = CreateTestProbe();
        watcher.Watch(worker0);

        EventFilter.Warning(contains: "worker 0 failed: crashed: InvalidOperationException: stub worker crashed")
            .ExpectOne(() => worker0.Tell(new StubCrash()));

        watcher.ExpectTerminated(worker0, Wait);
        var after = Receive(probe, 2);
        Assert.Equal(0, after.OfType<StubStarted>().Single().Index);
        Assert.Equal("r1", after.OfType<StubAssigned>().Single().Request.Id.Value);
        AwaitAssert(() => Assert.Equal(1, metrics[0].Restarts), Wait);
        failed.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void AWorkerThatKeepsFailing_IsGivenUp_AndTheOtherWorkerTakesTheRows()
    {
        var (pool, probe, _, failed, metrics) = StubPool(capacity: 3, maxRestarts: 2);
        var (worker0, _) = Started(probe);
        pool.Tell(new SubmitRow(Requests.Create("r1")));
        probe.ExpectMsg<StubAssigned>(Wait);

        worker0.Tell(new StubFault("bad weights"));
        var redo = Receive(probe, 2);
        Assert.Equal(("r1", 1), redo.OfType<StubAssigned>().Select(a => (a.Request.Id.Value, a.Index)).Single());
        var second = redo.OfType<StubStarted>().Single().Worker;
        second.Tell(new StubFault("bad weights"));
        probe.ExpectMsg<StubStarted>(Wait).Worker.Tell(new StubFault("bad weights"));
        probe.ExpectNoMsg(Quiet);

        pool.Tell(new SubmitRow(Requests.Create("r2")));
        pool.Tell(new SubmitRow(Requests.Create("r3")));
        Assert.Equal([1, 1], new[] { probe.ExpectMsg<StubAssigned>(Wait), probe.ExpectMsg<StubAssigned>(Wait) }.Select(a => a.Index));
        failed.ExpectNoMsg(Quiet);
        Assert.Equal(2, metrics[0].Restarts);
    }

    [Fact]
    public void WhenEveryWorkerIsGivenUp_CallsFailedOnce_WithEachWorkersReason()
    {
        var (pool, probe, completed, failed, _) = StubPool(capacity: 1, maxRestarts: 0);
        var (worker0, worker1) = Started(probe);
        pool.Tell(new SubmitRow(Requests.Create("r1")));
        pool.Tell(new SubmitRow(Requests.Create("r2")));
        Receive(probe, 2);

        worker0.Tell(new StubFault("out of memory"));
        failed.ExpectNoMsg(Quiet);
        worker1.Tell(new StubFault("device lost", Done("r2")));

        Assert.Equal("all workers failed: worker 0: out of memory; worker 1: device lost", failed.ExpectMsg<string>(Wait));
        failed.ExpectNoMsg(Quiet);
        completed.ExpectNoMsg(TimeSpan.Zero);
        probe.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void PreStart_WhenAWorkerCannotBeCreated_CallsFailed()
    {
        var (_, failed, callbacks) = Callbacks();
        var workers = new[] { new PooledWorker(StubWorkerActor.Props(0, TestActor).WithDispatcher("no-such-dispatcher"), new WorkerMetrics()) };

        Sys.ActorOf(WorkerPoolActor.Props(workers, new WorkerPoolSettings(2), callbacks));

        Assert.StartsWith("could not start the workers", failed.ExpectMsg<string>(Wait), StringComparison.Ordinal);
    }

    private (IActorRef Pool, TestProbe Probe, TestProbe Completed, TestProbe Failed, WorkerMetrics[] Metrics) StubPool(int capacity, int maxRestarts = 3,
        int admissionWindow = 1)
    {
        var probe = CreateTestProbe();
        var (completed, failed, callbacks) = Callbacks();
        var workers = Enumerable.Range(0, 2).Select(i => new PooledWorker(StubWorkerActor.Props(i, probe.Ref), new WorkerMetrics())).ToArray();
        var settings = new WorkerPoolSettings(capacity) { Restart = WorkerProps.FastRestarts(maxRestarts), AdmissionWindow = admissionWindow };
        return (Sys.ActorOf(WorkerPoolActor.Props(workers, settings, callbacks)), probe, completed, failed, workers.Select(w => w.Metrics).ToArray());
    }

    /// <summary>The first incarnations of workers 0 and 1, which start in either order.</summary>
    private static (IActorRef Worker0, IActorRef Worker1) Started(TestProbe probe)
    {
        var started = Receive(probe, 2).Cast<StubStarted>().OrderBy(s => s.Index).ToList();
        Assert.Equal([0, 1], started.Select(s => s.Index));
        return (started[0].Worker, started[1].Worker);
    }

    /// <summary>The next <paramref name="count"/> messages, which different workers send in no set order.</summary>
    private static List<object> Receive(TestProbe probe, int count) => [.. probe.ReceiveN(count, Wait)];

    private (TestProbe Completed, TestProbe Failed, WorkerPoolCallbacks Callbacks) Callbacks()
    {
        var completed = CreateTestProbe();
        var failed = CreateTestProbe();
        return (completed, failed, new WorkerPoolCallbacks(c => completed.Ref.Tell(c), r => failed.Ref.Tell(r)));
    }

    private static Completion Done(string id) => new(new Batch.Core.Rows.DocumentId(id), "ok", FinishReason.Stop, 4, 2);
}
