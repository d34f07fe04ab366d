using Akka.Actor;
using Akka.TestKit;
using Batch.Engine.Workers;
using Batch.Testing.Builders;
using Xunit.Abstractions;

namespace Batch.Engine.Tests.Workers;

/// <summary>
/// Restart timing, on Akka's test scheduler: time moves only when a spec advances it, so the backoffs and the
/// failure window are checked exactly, without wall-clock waits. Each fault is awaited through the pool's log
/// line, which also names the backoff; only then is the clock advanced.
/// </summary>
public sealed class WorkerPoolBackoffSpecs(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit("""akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """, output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void Backoff_DoublesWithEachFailure_UpToTheCap()
    {
        var policy = new WorkerRestartPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), 10, TimeSpan.FromMinutes(1));
        var (probe, _, metrics) = StubPool(policy);
        var worker = probe.ExpectMsg<StubStarted>(Wait).Worker;

        foreach (var (backoff, label) in new[] { (100, "0.1 s"), (200, "0.2 s"), (400, "0.4 s"), (400, "0.4 s") })
        {
            EventFilter.Warning(contains: $"restarting worker 0 in {label}").ExpectOne(() => worker.Tell(new StubFault("boom")));
            Clock.Advance(TimeSpan.FromMilliseconds(backoff - 1));
            probe.ExpectNoMsg(Quiet);
            Clock.Advance(TimeSpan.FromMilliseconds(1));
            worker = probe.ExpectMsg<StubStarted>(Wait).Worker;
        }
        Assert.Equal(4, metrics.Restarts);
    }

    [Fact]
    public void Failures_OlderThanTheWindow_NoLongerCount()
    {
        var policy = new WorkerRestartPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(10));
        var (probe, failed, _) = StubPool(policy);
        var worker = probe.ExpectMsg<StubStarted>(Wait).Worker;
        EventFilter.Warning(contains: "restarting worker 0 in 0.1 s").ExpectOne(() => worker.Tell(new StubFault("first")));
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        worker = probe.ExpectMsg<StubStarted>(Wait).Worker;

        // The first failure has left the window: this is failure 1 again, with the shortest backoff.
        Clock.Advance(TimeSpan.FromSeconds(11));
        EventFilter.Warning(contains: "restarting worker 0 in 0.1 s (failure 1 within 10 s").ExpectOne(() => worker.Tell(new StubFault("second")));
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        worker = probe.ExpectMsg<StubStarted>(Wait).Worker;

        // Two failures within the window are one more than the single restart allowed.
        EventFilter.Error(contains: "worker 0 failed 2 times within 10 s").ExpectOne(() => worker.Tell(new StubFault("third")));
        Assert.Equal("all workers failed: worker 0: third", failed.ExpectMsg<string>(Wait));
        Clock.Advance(TimeSpan.FromMinutes(1));
        probe.ExpectNoMsg(Quiet);
    }

    private (TestProbe Probe, TestProbe Failed, WorkerMetrics Metrics) StubPool(WorkerRestartPolicy policy)
    {
        var probe = CreateTestProbe();
        var failed = CreateTestProbe();
        var worker = new PooledWorker(StubWorkerActor.Props(0, probe.Ref), new WorkerMetrics());
        var callbacks = new WorkerPoolCallbacks(_ => { }, r => failed.Ref.Tell(r));
        Sys.ActorOf(WorkerPoolActor.Props([worker], new WorkerPoolSettings(2) { Restart = policy }, callbacks));
        return (probe, failed, worker.Metrics);
    }
}
