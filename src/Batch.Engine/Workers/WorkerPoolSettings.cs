namespace Batch.Engine.Workers;

/// <summary>How the pool hands out rows and restarts its workers.</summary>
/// <param name="CapacityPerWorker">Rows one worker holds at most: enough to keep its batch full and its admission queue one batch deep.</param>
public sealed record WorkerPoolSettings(int CapacityPerWorker)
{
    public WorkerRestartPolicy Restart { get; init; } = WorkerRestartPolicy.Default;

    /// <summary>
    /// Waiting rows the pool looks at when a worker has room: it hands out the one with the most output first, as each
    /// worker's own admission does, so a worker's longest-first admission sees the long rows early; 1 hands out in order.
    /// </summary>
    public int AdmissionWindow { get; init; } = 1;

    /// <summary>For tests and demos only: a worker to fail on purpose (null: none).</summary>
    public WorkerFaultInjection? FaultInjection { get; init; }
}
