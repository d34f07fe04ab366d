using Akka.Actor;

namespace Batch.Engine.Workers;

/// <summary>
/// Owns the workers and hands rows out by pulling: a row goes to the worker with the fewest
/// rows outstanding, and never beyond a worker's capacity (enough to keep its batch full and
/// its admission queue one batch deep); the rest wait here until a worker finishes one.
/// </summary>
public sealed class WorkerPoolActor : ReceiveActor
{
    private readonly IReadOnlyList<Props> _workerProps;
    private readonly int _capacityPerWorker;
    private readonly WorkerPoolCallbacks _callbacks;
    private readonly Queue<SubmitRow> _pending = new();
    private readonly Dictionary<IActorRef, int> _outstanding = [];

    public WorkerPoolActor(IReadOnlyList<Props> workerProps, int capacityPerWorker, WorkerPoolCallbacks callbacks)
    {
        _workerProps = workerProps;
        _capacityPerWorker = capacityPerWorker;
        _callbacks = callbacks;

        Receive<SubmitRow>(row =>
        {
            _pending.Enqueue(row);
            Dispatch();
        });
        Receive<RowFinished>(finished =>
        {
            if (_outstanding.TryGetValue(Sender, out var n)) _outstanding[Sender] = n - 1;
            _callbacks.Completed(finished.Completion);
            Dispatch();
        });
        Receive<WorkerFaulted>(fault => Lose(Sender, $"worker {fault.WorkerIndex}: {fault.Reason}"));
        Receive<Terminated>(t => Lose(t.ActorRef, $"worker {t.ActorRef.Path.Name} stopped"));
    }

    public static Props Props(IReadOnlyList<Props> workerProps, int capacityPerWorker, WorkerPoolCallbacks callbacks) =>
        Akka.Actor.Props.Create(() => new WorkerPoolActor(workerProps, capacityPerWorker, callbacks));

    // A worker that throws is stopped, not restarted: its rows would be lost with its state.
    // Restarting with re-queueing is the supervision issue's work.
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart()
    {
        try
        {
            for (var i = 0; i < _workerProps.Count; i++)
            {
                var worker = Context.ActorOf(_workerProps[i], $"worker-{i}");
                Context.Watch(worker);
                _outstanding[worker] = 0;
            }
        }
        catch (Exception e) when (e is Akka.Configuration.ConfigurationException or ArgumentException)
        {
            // A pool that cannot start its workers would leave the pipeline waiting forever.
            _callbacks.Failed($"could not start the workers: {e.Message}");
        }
    }

    private void Dispatch()
    {
        while (_pending.Count > 0)
        {
            var target = _outstanding
                .Where(w => w.Value < _capacityPerWorker)
                .OrderBy(w => w.Value)
                .Select(w => w.Key)
                .FirstOrDefault();
            if (target is null) return;
            target.Tell(new AssignRow(_pending.Dequeue().Request));
            _outstanding[target]++;
        }
    }

    private void Lose(IActorRef worker, string reason)
    {
        if (!_outstanding.Remove(worker)) return;
        Context.Unwatch(worker);
        // The rows the lost worker held cannot finish; the job stops (resumably, once checkpoints land).
        _callbacks.Failed(reason);
    }
}
