namespace Batch.Engine.Workers;

/// <summary>How the pool hands out rows and restarts its workers.</summary>
/// <param name="CapacityPerWorker">Rows one worker holds at most: enough to keep its batch full and its admission queue one batch deep.</param>
public sealed record WorkerPoolSettings(int CapacityPerWorker)
{
    public WorkerRestartPolicy Restart { get; init; } = WorkerRestartPolicy.Default;

    /// <summary>For tests and demos only: a worker to fail on purpose (null: none).</summary>
    public WorkerFaultInjection? FaultInjection { get; init; }
}
