using System.Diagnostics;
using Akka.Actor;
using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.Engine.Workers;

/// <summary>
/// The pool's record of one worker across its incarnations: the live actor (if any), the rows it holds, and the
/// failures that decide between a restart and giving it up. Touched by the pool's thread only.
/// </summary>
internal sealed class WorkerSlot(int index, PooledWorker worker)
{
    private readonly OrderedDictionary<DocumentId, GenerationRequest> _outstanding = [];
    private readonly Queue<DateTimeOffset> _failures = new();

    public int Index => index;
    public Props Props => worker.Props;
    public WorkerMetrics Metrics => worker.Metrics;

    /// <summary>The current incarnation; null while it waits to restart and once given up.</summary>
    public IActorRef? Actor { get; private set; }

    /// <summary>Incarnations started so far.</summary>
    public int Incarnations { get; private set; }

    /// <summary>The current incarnation has failed and is stopping: it takes no rows, and holds none.</summary>
    public bool IsStopping { get; private set; }

    public bool HasGivenUp { get; private set; }
    public string? LastFailure { get; private set; }
    public bool IsLive => Actor is not null && !IsStopping;
    public int OutstandingCount => _outstanding.Count;

    public void Started(IActorRef actor)
    {
        Debug.Assert(Actor is null && !HasGivenUp);
        Actor = actor;
        IsStopping = false;
        Incarnations++;
    }

    public void Assign(GenerationRequest request)
    {
        // Ids are unique here: the pipeline turns a duplicate id into an error row before dispatch.
        var added = _outstanding.TryAdd(request.Id, request);
        Debug.Assert(added, $"row {request.Id} is already outstanding on worker {index}");
        Actor!.Tell(new AssignRow(request));
    }

    /// <summary>True the first time for a row this incarnation holds; false for anything else (a late or repeated report).</summary>
    public bool TryFinish(DocumentId id) => _outstanding.Remove(id);

    /// <summary>Marks the incarnation failed and hands back its rows, in the order they were assigned.</summary>
    public IReadOnlyList<GenerationRequest> Fail(string reason)
    {
        LastFailure = reason;
        IsStopping = true;
        var rows = _outstanding.Values.ToList();
        _outstanding.Clear();
        return rows;
    }

    /// <summary>The incarnation has terminated; counts the failure and returns how many fell within the window.</summary>
    public int Stopped(DateTimeOffset now, TimeSpan window)
    {
        Debug.Assert(_outstanding.Count == 0, "a stopped worker's rows were re-queued when it failed");
        Actor = null;
        IsStopping = false;
        _failures.Enqueue(now);
        while (_failures.Count > 0 && _failures.Peek() < now - window) _failures.Dequeue();
        return _failures.Count;
    }

    public void GiveUp() => HasGivenUp = true;
}
