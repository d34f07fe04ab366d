using Akka.Actor;
using Akka.Event;
using Batch.Core.Scheduling;

namespace Batch.Engine.Workers;

/// <summary>
/// Owns the workers and hands rows out by pulling: a row goes to the live worker with the fewest rows
/// outstanding, and never beyond a worker's capacity; the rest wait here until a worker finishes one, and the
/// waiting row with the most output within the admission window goes out first.
/// Supervision is the pool's own, because only the pool knows which rows a worker held: a worker that
/// fails (reports <see cref="WorkerFaulted"/>, or throws) gives its rows back to the front of the queue at
/// once, and once it has terminated — its decoder released — it is started afresh after a backoff, or
/// given up after too many failures. A row counts as finished only when the incarnation it was assigned
/// to reports it, so a late report from a failed incarnation is dropped and every row completes once.
/// </summary>
public sealed class WorkerPoolActor : ReceiveActor, IWithTimers
{
    private readonly WorkerPoolSettings _settings;
    private readonly WorkerPoolCallbacks _callbacks;
    private readonly WorkerSlot[] _slots;
    private readonly LinkedList<GenerationRequest> _pending = new();
    // Rows a failed worker gave back: they go out first, in their order, before anything still waiting.
    private readonly LinkedList<GenerationRequest> _returned = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _hasFailed;

    public WorkerPoolActor(IReadOnlyList<PooledWorker> workers, WorkerPoolSettings settings, WorkerPoolCallbacks callbacks)
    {
        _settings = settings;
        _callbacks = callbacks;
        _slots = workers.Select((worker, i) => new WorkerSlot(i, worker)).ToArray();

        Receive<SubmitRow>(row =>
        {
            _pending.AddLast(row.Request);
            Dispatch();
        });
        Receive<RowFinished>(Finish);
        Receive<WorkerFaulted>(fault => Fail(Sender, fault.Reason));
        Receive<WorkerCrashed>(crash => Fail(Sender, crash.Reason));
        Receive<Terminated>(t => Stopped(t.ActorRef));
        Receive<RestartWorker>(restart => Restart(_slots[restart.WorkerIndex]));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<PooledWorker> workers, WorkerPoolSettings settings, WorkerPoolCallbacks callbacks) =>
        Akka.Actor.Props.Create(() => new WorkerPoolActor(workers, settings, callbacks));

    protected override SupervisorStrategy SupervisorStrategy() => new WorkerSupervisorStrategy();

    protected override void PreStart()
    {
        try
        {
            foreach (var slot in _slots) Start(slot);
        }
        catch (Exception e) when (e is Akka.Configuration.ConfigurationException or ArgumentException)
        {
            // Bad props fail the same way on every restart; a pool without workers would leave the pipeline waiting forever.
            _hasFailed = true;
            _callbacks.Failed($"could not start the workers: {e.Message}");
        }
    }

    private void Finish(RowFinished finished)
    {
        var slot = SlotOf(Sender);
        if (slot is null || !slot.TryFinish(finished.Completion.Id)) return;
        _callbacks.Completed(finished.Completion);
        Dispatch();
    }

    private void Fail(IActorRef worker, string reason)
    {
        if (SlotOf(worker) is not { IsStopping: false } slot) return;
        var rows = slot.Fail(reason);
        foreach (var row in rows) _returned.AddLast(row);
        _log.Warning("worker {0} failed: {1}; its {2} rows go back to the queue", slot.Index, reason, rows.Count);
        // A worker that reported its fault stops itself; this covers one that threw, or did not stop.
        Context.Stop(worker);
        Dispatch();
    }

    // The restart waits for Terminated: by then the old incarnation's PostStop has released its decoder
    // (and the memory of its context), so the new one does not load beside it.
    private void Stopped(IActorRef worker)
    {
        if (SlotOf(worker) is not { } slot) return;
        if (!slot.IsStopping) Fail(worker, "stopped unexpectedly");
        var policy = _settings.Restart;
        // The scheduler's clock times the window as well as the backoff, so a test scheduler drives both.
        var failures = slot.Stopped(Context.System.Scheduler.Now, policy.Window);
        slot.Metrics.RecordStopped();
        if (policy.AllowsRestart(failures))
        {
            var backoff = policy.BackoffAfter(failures);
            _log.Warning("restarting worker {0} in {1} (failure {2} within {3}; {4} restarts allowed)",
                slot.Index, Seconds(backoff), failures, Seconds(policy.Window), policy.MaxRestarts);
            Timers.StartSingleTimer(slot.Index, new RestartWorker(slot.Index), backoff);
            return;
        }
        GiveUp(slot, failures);
    }

    private void Restart(WorkerSlot slot)
    {
        if (slot.HasGivenUp || slot.Actor is not null) return;
        slot.Metrics.RecordRestart();
        Start(slot);
        Dispatch();
    }

    private void Start(WorkerSlot slot)
    {
        var name = slot.Incarnations == 0 ? $"worker-{slot.Index}" : $"worker-{slot.Index}-restart-{slot.Incarnations}";
        var worker = Context.ActorOf(slot.Props, name);
        Context.Watch(worker);
        slot.Started(worker);
        if (_settings.FaultInjection is { } injection && injection.Targets(slot.Index, slot.Incarnations))
            worker.Tell(new InjectFault(injection.FailAtStep));
    }

    private void GiveUp(WorkerSlot slot, int failures)
    {
        slot.GiveUp();
        var left = _slots.Count(s => !s.HasGivenUp);
        _log.Error("worker {0} failed {1} times within {2}: it is not restarted again ({3} of {4} workers left)",
            slot.Index, failures, Seconds(_settings.Restart.Window), left, _slots.Length);
        if (left > 0 || _hasFailed) return;
        _hasFailed = true;
        _callbacks.Failed("all workers failed: " + string.Join("; ", _slots.Select(s => $"worker {s.Index}: {s.LastFailure}")));
    }

    private void Dispatch()
    {
        // The worker first: while every worker is full (most messages, once the reader is ahead) the window is not scanned.
        while (_slots.Where(s => s.IsLive && s.OutstandingCount < _settings.CapacityPerWorker).MinBy(s => s.OutstandingCount) is { } target
               && (_returned.First ?? AdmissionRules.Next(_pending, _settings.AdmissionWindow)) is { } next)
        {
            next.List!.Remove(next);
            target.Assign(next.Value);
        }
    }

    private static string Seconds(TimeSpan t) => FormattableString.Invariant($"{t.TotalSeconds:0.###} s");

    /// <summary>The slot whose current incarnation is <paramref name="worker"/>; null for an earlier incarnation or a stranger.</summary>
    private WorkerSlot? SlotOf(IActorRef worker) => _slots.FirstOrDefault(s => worker.Equals(s.Actor));
}
