using Akka.Actor;

namespace Batch.Engine.Workers;

/// <summary>One worker the pool runs: the props it (re)creates the worker from, and the metrics that outlive its restarts.</summary>
/// <param name="Props">Creates one incarnation; every restart calls it again, so the decoder is created afresh.</param>
/// <param name="Metrics">The metrics the worker's props write to; the pool adds restarts.</param>
public sealed record PooledWorker(Props Props, WorkerMetrics Metrics);
