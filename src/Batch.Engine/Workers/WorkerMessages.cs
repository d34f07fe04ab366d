using Batch.Core.Scheduling;

namespace Batch.Engine.Workers;

/// <summary>Pool → worker: decode this request.</summary>
public sealed record AssignRow(GenerationRequest Request);

/// <summary>
/// Pool → worker, for tests and demos only (<see cref="WorkerFaultInjection"/>): throw an
/// <see cref="InjectedFaultException"/> in place of this decode step (1-based) of this incarnation.
/// </summary>
public sealed record InjectFault(int AtStep);

/// <summary>Worker → pool: a row finished (completed, or rejected as an error row).</summary>
public sealed record RowFinished(Completion Completion);

/// <summary>Worker → pool: the worker hit a fatal fault and stops; its rows are not finished.</summary>
public sealed record WorkerFaulted(int WorkerIndex, string Reason);

/// <summary>Worker → itself: run one continuous-batching step.</summary>
public sealed record RunStep
{
    public static RunStep Instance { get; } = new();
}
