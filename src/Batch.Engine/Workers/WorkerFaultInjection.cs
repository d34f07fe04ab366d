namespace Batch.Engine.Workers;

/// <summary>
/// For tests and demos only — never set it for real work: makes worker <paramref name="WorkerIndex"/> throw an
/// <see cref="InjectedFaultException"/> in place of its <paramref name="FailAtStep"/>-th decode step, in each of its
/// first <paramref name="Times"/> incarnations, so that restarts and re-queueing can be watched on a healthy model.
/// </summary>
/// <param name="WorkerIndex">The worker that fails (0-based).</param>
/// <param name="FailAtStep">The decode step that fails, counted from 1 in every incarnation.</param>
/// <param name="Times">How many incarnations fail; the restarts after those run clean.</param>
public sealed record WorkerFaultInjection(int WorkerIndex, int FailAtStep, int Times = 1)
{
    /// <summary>Whether the worker's <paramref name="incarnation"/>-th start (1-based) is to fail.</summary>
    public bool Targets(int workerIndex, int incarnation) =>
        workerIndex == WorkerIndex && incarnation <= Times && FailAtStep >= 1;
}
